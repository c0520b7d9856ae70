package org.omotenashi.escalation.internal.soap;

/** Which escalations to list; empty fields do not filter. */
public class SoapEscalationFilter {
    public String status;
    public Integer level;
    public String customerId;
    public Integer limit;
    public String cursor;
}
