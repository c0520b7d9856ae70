package org.omotenashi.handover.internal.soap;

import java.util.ArrayList;
import java.util.List;
import javax.xml.bind.annotation.XmlSchemaType;

/** One step of a handover's history. */
public class SoapTransition {
    public String from;
    public String to;
    public String by;
    @XmlSchemaType(name = "dateTime")
    public String at;
    public List<String> question = new ArrayList<>();
    public String comment;
}
