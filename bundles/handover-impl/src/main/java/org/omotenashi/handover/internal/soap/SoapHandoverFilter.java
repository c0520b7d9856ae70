package org.omotenashi.handover.internal.soap;

/** Which handovers to list; every field is optional. */
public class SoapHandoverFilter {
    public String status;
    public String serviceTeam;
    public String customerId;
    public Integer limit;
    public String cursor;
}
