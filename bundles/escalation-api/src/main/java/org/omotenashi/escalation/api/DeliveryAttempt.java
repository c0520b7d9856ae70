package org.omotenashi.escalation.api;

import java.time.Instant;

/** One try to deliver: the HTTP status (webhooks) or null, the error if any, and how long it took. */
public record DeliveryAttempt(Instant at, Integer statusCode, String error, long durationMillis) {
}
