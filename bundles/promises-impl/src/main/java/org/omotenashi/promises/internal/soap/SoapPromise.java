package org.omotenashi.promises.internal.soap;

import java.util.ArrayList;
import java.util.List;
import javax.xml.bind.annotation.XmlSchemaType;

/** A promise as SOAP callers see it. */
public class SoapPromise {
    public String id;
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
    public String status;
    @XmlSchemaType(name = "dateTime")
    public String keptAt;
    public String evidence;
    @XmlSchemaType(name = "dateTime")
    public String brokenAt;
    public String cancelReason;
    public List<SoapRenegotiation> renegotiation = new ArrayList<>();
    public String externalRef;
    public long version;
    public SoapContact contact;
    /** Filled in when one promise is read or changed; empty in lists. */
    public List<SoapPromiseChange> change = new ArrayList<>();
}
