package org.omotenashi.promises.api;

import java.time.Instant;

/**
 * What a caller supplies to record a promise; madeAt defaults to now, owner to promisedBy. The contact, the person
 * the promise was made to, is optional.
 */
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
        String externalRef,
        Contact contact) {

    /** A promise without a contact, as before contacts were recorded. */
    public NewPromise(String customerId, String customerName, String description, String expectation, String promisedBy,
                      String owner, Channel channel, Origin origin, Instant madeAt, Instant dueAt, String externalRef) {
        this(customerId, customerName, description, expectation, promisedBy, owner, channel, origin, madeAt, dueAt,
                externalRef, null);
    }
}
