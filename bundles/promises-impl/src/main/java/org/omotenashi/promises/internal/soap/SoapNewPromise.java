package org.omotenashi.promises.internal.soap;

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
    public String madeAt;
    public String dueAt;
    public String externalRef;
    public SoapContact contact;
}
