package org.omotenashi.core.outbox;

import java.time.Instant;
import java.util.List;

/**
 * A delivery in the outbox, as its log shows it; {@code log} holds its attempts, oldest first (empty where a
 * list of deliveries leaves them out). The secret it may carry is never part of it.
 */
public record OutboxDelivery(String id, String owner, String channel, String reference, String target, String payload,
                             OutboxStatus status, int attempts, Instant createdAt, Instant notBefore,
                             Instant nextAttemptAt, Instant deliveredAt, String lastError, List<OutboxAttempt> log) {
    public OutboxDelivery {
        log = log == null ? List.of() : List.copyOf(log);
    }
}
