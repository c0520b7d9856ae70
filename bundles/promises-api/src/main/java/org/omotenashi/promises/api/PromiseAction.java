package org.omotenashi.promises.api;

/** What happened to a promise, as its history and the customer's timeline tell it. */
public enum PromiseAction {
    MADE, RENEGOTIATED, KEPT, KEPT_LATE, BROKEN, CANCELLED, REASSIGNED
}
