package org.omotenashi.promises.internal.soap;

import javax.xml.bind.annotation.XmlSchemaType;

/** A due date agreed anew with the customer. */
public class SoapRenegotiation {
    @XmlSchemaType(name = "dateTime")
    public String previousDueAt;
    @XmlSchemaType(name = "dateTime")
    public String newDueAt;
    public String reason;
    @XmlSchemaType(name = "dateTime")
    public String at;
    public String by;
}
