package org.omotenashi.core.outbox;

import java.time.Instant;

/** One attempt at a delivery: when, what the other side answered (an HTTP status, if any), and how long it took. */
public record OutboxAttempt(Instant at, Integer statusCode, String error, long durationMillis) {
}
