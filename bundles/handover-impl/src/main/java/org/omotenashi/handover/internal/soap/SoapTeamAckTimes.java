package org.omotenashi.handover.internal.soap;

/** Business hours from submission to acknowledgement for one service team. */
public class SoapTeamAckTimes {
    public String serviceTeam;
    public long acknowledged;
    public double medianBusinessHours;
    public double p90BusinessHours;
}
