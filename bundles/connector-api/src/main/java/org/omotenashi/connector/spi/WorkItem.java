package org.omotenashi.connector.spi;

import java.net.URI;
import java.time.Instant;

/**
 * A work order or incident in a facility system, as much of it as a promise needs.
 *
 * @param system      the instance it was read from (see {@link ConnectionSettings#instance()})
 * @param externalId  the system's stable identifier of the item
 * @param number      the number people see, e.g. {@code I 2405 123} or {@code WO-1001}
 * @param title       a one-line summary
 * @param description the longer text, or null
 * @param customer    who the work is for, or null when the item names nobody
 * @param owner       who does the work, or null
 * @param targetDate  when it is due, or null when the system has no date yet
 * @param onHold      whether the system has put the work on hold
 * @param state       open, completed or cancelled
 * @param createdAt   when the item was made, or null when unknown
 * @param changedAt   when the item was last changed; together with the id, its place in the change order
 * @param link        where a person opens the item in the system, or null
 */
public record WorkItem(String system, String externalId, String number, String title, String description,
                       Party customer, Party owner, Instant targetDate, boolean onHold, WorkState state,
                       Instant createdAt, Instant changedAt, URI link) {
}
