package org.omotenashi.handover.api;

/** A filter over handovers, newest first; null fields do not filter. */
public record HandoverQuery(HandoverStatus status, String serviceTeam, String customerId, int limit, String cursor) {
}
