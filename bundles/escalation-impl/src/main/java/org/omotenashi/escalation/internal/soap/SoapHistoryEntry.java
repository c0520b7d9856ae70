package org.omotenashi.escalation.internal.soap;

import javax.xml.bind.annotation.XmlSchemaType;

/** One step of an escalation's history. */
public class SoapHistoryEntry {
    @XmlSchemaType(name = "dateTime")
    public String at;
    public String event;
    public int level;
    public String by;
    public String note;
}
