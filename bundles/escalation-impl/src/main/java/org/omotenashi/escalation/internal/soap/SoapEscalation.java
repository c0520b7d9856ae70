package org.omotenashi.escalation.internal.soap;

import java.util.ArrayList;
import java.util.List;
import javax.xml.bind.annotation.XmlSchemaType;

/** An escalation as SOAP callers see it. */
public class SoapEscalation {
    public String id;
    public String ruleId;
    public String ruleName;
    public String subjectType;
    public String subjectRef;
    public String customerId;
    public int level;
    public String status;
    @XmlSchemaType(name = "dateTime")
    public String openedAt;
    @XmlSchemaType(name = "dateTime")
    public String levelSince;
    @XmlSchemaType(name = "dateTime")
    public String acknowledgedAt;
    @XmlSchemaType(name = "dateTime")
    public String resolvedAt;
    public List<SoapHistoryEntry> history = new ArrayList<>();
    public long version;
}
