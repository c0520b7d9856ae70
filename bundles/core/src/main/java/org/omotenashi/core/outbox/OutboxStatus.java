package org.omotenashi.core.outbox;

/** Where a delivery stands: waiting for its next attempt, delivered, or given up. */
public enum OutboxStatus {
    PENDING, DELIVERED, FAILED
}
