package org.omotenashi.promises.internal.soap;

import javax.xml.bind.annotation.XmlSchemaType;

/** A promise to record, as a facility or CRM system sends it. */
public class SoapNewPromise {
    public String customerId;
    public String customerName;
    public String description;
    public String expectation;
    public String promisedBy;
    public String owner;
    public String channel;
    public SoapOrigin origin;
    @XmlSchemaType(name = "dateTime")
    public String madeAt;
    @XmlSchemaType(name = "dateTime")
    public String dueAt;
    public String externalRef;
    public SoapContact contact;
}
