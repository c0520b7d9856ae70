package org.omotenashi.escalation.api;

/** Where a delivery in the outbox stands. */
public enum DeliveryStatus {
    /** Waiting for its time (held until business hours, or backing off after a failed attempt). */
    PENDING,
    /** Accepted by the receiver. */
    DELIVERED,
    /** Given up after the maximum age; kept for inspection. */
    FAILED
}
