package org.omotenashi.connector.internal;

import java.time.Instant;

/** One change to a promise that a work item calls for, decided by {@link ItemRules} and applied through the tracker. */
sealed interface PromiseStep {
    /** The item was completed: keep the promise (the tracker decides whether on time or late). */
    record Keep(String evidence) implements PromiseStep {
    }

    /** The item was cancelled: so is the promise. */
    record Cancel(String reason) implements PromiseStep {
    }

    /** The item's target date moved: one renegotiation to the new date. */
    record Renegotiate(Instant newDueAt, String reason) implements PromiseStep {
    }

    /** The item changed in a way the promise cannot follow; recorded, nothing is changed. */
    record Remark(String note) implements PromiseStep {
    }
}
