package org.omotenashi.handover.api;

import java.time.Instant;

/**
 * A promise made during the sale. {@code promiseId} is the promise tracker's id once the promise
 * has been registered there after acceptance, and null before.
 */
public record HandedPromise(String description, Instant dueAt, String promiseId) {
}
