package org.omotenashi.connector.api;

import java.net.URI;
import java.time.Instant;

/**
 * A facility system's item as the connector last applied it.
 *
 * @param system     the instance it came from
 * @param externalId the system's id of it
 * @param number     the number people see
 * @param title      its summary
 * @param status     whether it has a promise, waits for a target date, or was ignored
 * @param promiseId  its promise, or null
 * @param itemState  OPEN, COMPLETED or CANCELLED, as the system last said
 * @param targetDate its target date, or null
 * @param onHold     whether the system has put it on hold
 * @param changedAt  when the system last changed it
 * @param appliedAt  when the connector last applied it
 * @param note       the last refusal or remark, or null
 * @param link       where to open it in the system
 */
public record TrackedItem(String system, String externalId, String number, String title, Status status,
                          String promiseId, String itemState, Instant targetDate, boolean onHold, Instant changedAt,
                          Instant appliedAt, String note, URI link) {
    /** Where an item stands with the connector. */
    public enum Status {
        /** It has a promise. */
        LINKED,
        /** Open, without a target date yet: no promise until it has one. */
        WAITING,
        /** Completed or cancelled before the connector first saw it: no promise. */
        IGNORED
    }
}
