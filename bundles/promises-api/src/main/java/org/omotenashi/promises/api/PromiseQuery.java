package org.omotenashi.promises.api;

import java.time.Instant;

/** A filter over promises, ordered by due date; null fields do not filter. */
public record PromiseQuery(
        PromiseStatus status,
        String customerId,
        String owner,
        Instant dueBefore,
        Instant dueAfter,
        int limit,
        String cursor) {
}
