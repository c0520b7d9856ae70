package org.omotenashi.escalation.internal.soap;

import java.util.ArrayList;
import java.util.List;

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
    public String openedAt;
    public String levelSince;
    public String acknowledgedAt;
    public String resolvedAt;
    public List<SoapHistoryEntry> history = new ArrayList<>();
    public long version;
}
