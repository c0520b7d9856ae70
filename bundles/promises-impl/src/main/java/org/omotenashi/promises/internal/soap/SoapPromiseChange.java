package org.omotenashi.promises.internal.soap;

import java.util.ArrayList;
import java.util.List;
import javax.xml.bind.annotation.XmlSchemaType;

/** One step of a promise's history: when, what, who and why, and its facts as name/value pairs. */
public class SoapPromiseChange {
    @XmlSchemaType(name = "dateTime")
    public String at;
    public String action;
    public String by;
    public String reason;
    public List<SoapDetail> detail = new ArrayList<>();
}
