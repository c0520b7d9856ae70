package org.omotenashi.promises.api;

import java.time.Instant;

/** What a caller supplies to record a promise; madeAt defaults to now, owner to promisedBy. */
public record NewPromise(
        String customerId,
        String customerName,
        String description,
        String expectation,
        String promisedBy,
        String owner,
        Channel channel,
        Origin origin,
        Instant madeAt,
        Instant dueAt,
        String externalRef) {
}
