package org.omotenashi.promises.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseTopics;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts the tracker's events with plain properties, after the change they report is committed. */
final class PromiseEvents {
    private final EventAdmin eventAdmin;

    PromiseEvents(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    void post(String topic, Promise p) {
        post(topic, p.id(), p.customerId(), p.owner(), p.dueAt(), p.status().name(),
                p.origin() == null ? null : p.origin().type(), p.origin() == null ? null : p.origin().ref());
    }

    void post(String topic, PromiseStore.Due d, String status) {
        post(topic, d.id(), d.customerId(), d.owner(), Instant.ofEpochMilli(d.dueAt()), status, d.originType(), d.originRef());
    }

    private void post(String topic, String id, String customerId, String owner, Instant dueAt, String status,
                      String originType, String originRef) {
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
        eventAdmin.postEvent(new Event(topic, properties));
    }
}
