package org.omotenashi.promises.api;

import java.time.Instant;
import java.util.List;

/** A commitment to a customer: who promised what, by when, and how it ended. */
public record Promise(
        String id,
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
        PromiseStatus status,
        Instant keptAt,
        String evidence,
        Instant brokenAt,
        String cancelReason,
        List<Renegotiation> renegotiations,
        String externalRef,
        long version) {

    public Promise {
        renegotiations = renegotiations == null ? List.of() : List.copyOf(renegotiations);
    }
}
