package org.omotenashi.handover.internal.soap;

import java.util.ArrayList;
import java.util.List;
import javax.xml.bind.annotation.XmlSchemaType;

/** A handover as SOAP callers see it. */
public class SoapHandover {
    public String id;
    public String dealRef;
    public String customerId;
    public String customerName;
    public String soldBy;
    public String serviceTeam;
    @XmlSchemaType(name = "date")
    public String contractStart;
    public List<SoapContact> contact = new ArrayList<>();
    public List<SoapExpectation> expectation = new ArrayList<>();
    public List<SoapHandedPromise> promise = new ArrayList<>();
    public SoapNotes notes;
    public String status;
    public List<SoapTransition> history = new ArrayList<>();
    @XmlSchemaType(name = "dateTime")
    public String createdAt;
    @XmlSchemaType(name = "dateTime")
    public String updatedAt;
    @XmlSchemaType(name = "dateTime")
    public String submittedAt;
    @XmlSchemaType(name = "dateTime")
    public String acknowledgedAt;
    @XmlSchemaType(name = "dateTime")
    public String acceptedAt;
    @XmlSchemaType(name = "dateTime")
    public String ackOverdueAt;
    public long version;
}
