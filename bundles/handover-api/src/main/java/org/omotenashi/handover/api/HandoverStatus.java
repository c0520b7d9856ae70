package org.omotenashi.handover.api;

/** Where a handover stands between sales and service. */
public enum HandoverStatus {
    /** Sales is still writing it. */
    DRAFT,
    /** Handed to service, waiting for acknowledgement. */
    SUBMITTED,
    /** Service has seen it. */
    ACKNOWLEDGED,
    /** Service sent it back with questions; sales answers and submits again. */
    RETURNED,
    /** Service owns the customer and the promises now. */
    ACCEPTED
}
