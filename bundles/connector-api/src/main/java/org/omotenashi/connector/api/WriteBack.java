package org.omotenashi.connector.api;

import java.time.Instant;

/**
 * One note for the facility system in the write-back log.
 *
 * @param id            the note's id, the same on every attempt
 * @param externalId    the item it is written onto
 * @param promiseId     the promise whose change it reports
 * @param change        KEPT, KEPT_LATE, BROKEN or RENEGOTIATED
 * @param status        PENDING, DELIVERED or FAILED
 * @param attempts      attempts made so far
 * @param createdAt     when the promise changed
 * @param nextAttemptAt when the next attempt is due, while pending
 * @param deliveredAt   when the system accepted it, or null
 * @param lastError     the last attempt's error, or null
 */
public record WriteBack(String id, String externalId, String promiseId, String change, Status status, int attempts,
                        Instant createdAt, Instant nextAttemptAt, Instant deliveredAt, String lastError) {
    /** Where a note stands. */
    public enum Status {
        PENDING, DELIVERED, FAILED
    }
}
