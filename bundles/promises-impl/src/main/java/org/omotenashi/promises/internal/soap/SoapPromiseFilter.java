package org.omotenashi.promises.internal.soap;

import javax.xml.bind.annotation.XmlSchemaType;

/** Which promises to list; every field is optional. */
public class SoapPromiseFilter {
    public String status;
    public String customerId;
    public String owner;
    @XmlSchemaType(name = "dateTime")
    public String dueBefore;
    @XmlSchemaType(name = "dateTime")
    public String dueAfter;
    public Integer limit;
    public String cursor;
}
