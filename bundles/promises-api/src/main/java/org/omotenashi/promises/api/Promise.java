package org.omotenashi.promises.api;

import java.time.Instant;
import java.util.List;

/**
 * A commitment to a customer: who promised what, to whom ({@code contact}), by when, and how it ended. Its
 * {@code history} (who did what and why) is filled in when one promise is read, and null in lists.
 */
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
        long version,
        Contact contact,
        List<PromiseChange> history) {

    public Promise {
        renegotiations = renegotiations == null ? List.of() : List.copyOf(renegotiations);
        history = history == null ? null : List.copyOf(history);
    }

    /** A promise without contact and history, as before they were recorded. */
    public Promise(String id, String customerId, String customerName, String description, String expectation,
                   String promisedBy, String owner, Channel channel, Origin origin, Instant madeAt, Instant dueAt,
                   PromiseStatus status, Instant keptAt, String evidence, Instant brokenAt, String cancelReason,
                   List<Renegotiation> renegotiations, String externalRef, long version) {
        this(id, customerId, customerName, description, expectation, promisedBy, owner, channel, origin, madeAt, dueAt,
                status, keptAt, evidence, brokenAt, cancelReason, renegotiations, externalRef, version, null, null);
    }

    /** The same promise with its history as read from storage. */
    public Promise withHistory(List<PromiseChange> changes) {
        return new Promise(id, customerId, customerName, description, expectation, promisedBy, owner, channel, origin,
                madeAt, dueAt, status, keptAt, evidence, brokenAt, cancelReason, renegotiations, externalRef, version,
                contact, changes);
    }
}
