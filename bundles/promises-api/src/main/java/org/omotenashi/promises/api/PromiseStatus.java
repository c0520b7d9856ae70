package org.omotenashi.promises.api;

/** Where a promise stands. A renegotiated promise stays OPEN: agreeing a new date is not breaking it. */
public enum PromiseStatus {
    /** Not yet kept, not yet due. */
    OPEN,
    /** Kept by its due date. */
    KEPT,
    /** Its due date passed while it was open. */
    BROKEN,
    /** Kept after it broke. */
    KEPT_LATE,
    /** Withdrawn; no longer counted. */
    CANCELLED;

    public boolean isFinal() {
        return this == KEPT || this == KEPT_LATE || this == CANCELLED;
    }
}
