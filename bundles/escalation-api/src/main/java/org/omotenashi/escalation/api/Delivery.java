package org.omotenashi.escalation.api;

import java.time.Instant;
import java.util.List;

/**
 * An action waiting in, or delivered from, the outbox. Its id is the {@code webhook-id} a receiver sees
 * on every attempt, so the receiver can drop repeats. {@code notBefore} holds an action of a
 * business-hours-only rule until the desk opens.
 */
public record Delivery(
        String id,
        String escalationId,
        ActionType action,
        String target,
        String payload,
        DeliveryStatus status,
        int attempts,
        Instant createdAt,
        Instant notBefore,
        Instant nextAttemptAt,
        Instant deliveredAt,
        String lastError,
        List<DeliveryAttempt> attemptLog) {

    public Delivery {
        attemptLog = attemptLog == null ? List.of() : List.copyOf(attemptLog);
    }
}
