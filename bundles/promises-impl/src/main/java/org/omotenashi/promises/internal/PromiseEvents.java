package org.omotenashi.promises.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.omotenashi.core.events.EventLog;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseTopics;

/**
 * Writes the tracker's events to the durable event log, in the transaction of the change they report, with
 * plain properties; the log posts them to EventAdmin after the commit.
 */
final class PromiseEvents {
    private final EventLog log;

    PromiseEvents(EventLog log) {
        this.log = log;
    }

    /** @param by who made the change, null for what happened by itself; {@code reason} is null when none was given */
    void write(Connection c, String topic, Promise p, String by, String reason) throws SQLException {
        Map<String, Object> properties = properties(p.id(), p.customerId(), p.owner(), p.dueAt(), p.status().name(),
                p.origin() == null ? null : p.origin().type(), p.origin() == null ? null : p.origin().ref(),
                p.contact() == null ? null : p.contact().email(), p.contact() == null ? null : p.contact().language());
        put(properties, PromiseTopics.BY, by);
        put(properties, PromiseTopics.REASON, reason);
        log.append(c, topic, properties);
    }

    void write(Connection c, String topic, PromiseStore.Due d, String status) throws SQLException {
        log.append(c, topic, properties(d.id(), d.customerId(), d.owner(), Instant.ofEpochMilli(d.dueAt()), status,
                d.originType(), d.originRef(), d.contactEmail(), d.language()));
    }

    private static Map<String, Object> properties(String id, String customerId, String owner, Instant dueAt, String status,
                                                  String originType, String originRef, String contactEmail,
                                                  String language) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(PromiseTopics.PROMISE_ID, id);
        properties.put(PromiseTopics.CUSTOMER_ID, customerId);
        properties.put(PromiseTopics.OWNER, owner);
        properties.put(PromiseTopics.DUE_AT, dueAt.toString());
        properties.put(PromiseTopics.STATUS, status);
        if (originType != null) {
            properties.put(PromiseTopics.ORIGIN_TYPE, originType);
            properties.put(PromiseTopics.ORIGIN_REF, originRef);
        }
        // Absent values are left out rather than sent as null, which event properties do not carry well.
        put(properties, PromiseTopics.CONTACT_EMAIL, contactEmail);
        put(properties, PromiseTopics.LANGUAGE, language);
        return properties;
    }

    private static void put(Map<String, Object> properties, String name, String value) {
        if (value != null) {
            properties.put(name, value);
        }
    }
}
