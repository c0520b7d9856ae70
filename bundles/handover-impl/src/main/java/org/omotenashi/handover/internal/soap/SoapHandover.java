package org.omotenashi.handover.internal.soap;

import java.util.ArrayList;
import java.util.List;

/** A handover as SOAP callers see it. */
public class SoapHandover {
    public String id;
    public String dealRef;
    public String customerId;
    public String customerName;
    public String soldBy;
    public String serviceTeam;
    public String contractStart;
    public List<SoapContact> contact = new ArrayList<>();
    public List<SoapExpectation> expectation = new ArrayList<>();
    public List<SoapHandedPromise> promise = new ArrayList<>();
    public SoapNotes notes;
    public String status;
    public List<SoapTransition> history = new ArrayList<>();
    public String createdAt;
    public String updatedAt;
    public String submittedAt;
    public String acknowledgedAt;
    public String acceptedAt;
    public String ackOverdueAt;
    public long version;
}
