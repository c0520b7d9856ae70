package org.omotenashi.promises.internal.soap;

import java.util.ArrayList;
import java.util.List;

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
    public String madeAt;
    public String dueAt;
    public String status;
    public String keptAt;
    public String evidence;
    public String brokenAt;
    public String cancelReason;
    public List<SoapRenegotiation> renegotiation = new ArrayList<>();
    public String externalRef;
    public long version;
    public SoapContact contact;
    /** Filled in when one promise is read or changed; empty in lists. */
    public List<SoapPromiseChange> change = new ArrayList<>();
}
