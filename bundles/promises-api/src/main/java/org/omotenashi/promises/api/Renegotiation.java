package org.omotenashi.promises.api;

import java.time.Instant;

/** A new due date agreed with the customer, and why. */
public record Renegotiation(Instant previousDueAt, Instant newDueAt, String reason, Instant at, String by) {
}
