package org.omotenashi.connector.api;

/**
 * What applying one work item did.
 *
 * @param externalId the item
 * @param outcome    the effect on its promise
 * @param promiseId  its promise, or null when it has none
 * @param note       a word on why, for outcomes other than a plain change
 */
public record ItemOutcome(String externalId, Outcome outcome, String promiseId, String note) {
    /** The effect of one item on its promise. */
    public enum Outcome {
        /** A new open item became a promise. */
        CREATED,
        /** Its target date moved; the promise was renegotiated. */
        RENEGOTIATED,
        /** It was completed; the promise was kept (on time or late). */
        KEPT,
        /** It was cancelled; so was the promise. */
        CANCELLED,
        /** Nothing to change: this change was applied before, or changes nothing a promise holds. */
        UNCHANGED,
        /** Open, but without a target date: recorded, and made a promise once it has one. */
        WAITING,
        /** Already completed or cancelled when first seen: recorded, no promise. */
        IGNORED,
        /** The promise tracker refused the change (e.g. renegotiating a promise that already broke); recorded. */
        REFUSED,
        /** The system or the suite could not be reached now; the next poll applies it. */
        DEFERRED,
        /** The system does not know the item. */
        NOT_FOUND
    }
}
