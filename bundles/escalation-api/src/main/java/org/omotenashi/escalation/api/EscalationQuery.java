package org.omotenashi.escalation.api;

/** A filter over escalations, newest first; null fields do not filter. */
public record EscalationQuery(EscalationStatus status, Integer level, String customerId, int limit, String cursor) {
}
