package org.omotenashi.handover.api;

/**
 * How quickly one service team acknowledged the handovers submitted to it: the median and 90th
 * percentile of business hours from submission to acknowledgement, over {@code acknowledged} handovers.
 */
public record TeamAckTimes(String serviceTeam, long acknowledged, double medianBusinessHours, double p90BusinessHours) {
}
