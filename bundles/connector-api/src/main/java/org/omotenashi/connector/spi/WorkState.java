package org.omotenashi.connector.spi;

/** Where a work item stands, reduced to what a promise needs to know. */
public enum WorkState {
    /** Still to be done (new, approved, in progress, waiting…). */
    OPEN,
    /** Done (completed, closed). */
    COMPLETED,
    /** Withdrawn without being done. */
    CANCELLED
}
