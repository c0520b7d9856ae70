package org.omotenashi.handover.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.omotenashi.handover.api.Handover;
import org.omotenashi.handover.api.HandoverTopics;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts the handover's events with plain properties, after the change they report is committed. */
final class HandoverEvents {
    private final EventAdmin eventAdmin;

    HandoverEvents(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    void post(String topic, Handover h, String by, Instant at) {
        eventAdmin.postEvent(new Event(topic, properties(h, by, at)));
    }

    void postAckOverdue(Handover h, Instant at, Duration target) {
        Map<String, Object> properties = properties(h, null, at);
        properties.put(HandoverTopics.SUBMITTED_AT, h.submittedAt().toString());
        properties.put(HandoverTopics.ACK_TARGET_BUSINESS_HOURS, target.toHours());
        eventAdmin.postEvent(new Event(HandoverTopics.ACK_OVERDUE, properties));
    }

    private static Map<String, Object> properties(Handover h, String by, Instant at) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(HandoverTopics.HANDOVER_ID, h.id());
        properties.put(HandoverTopics.DEAL_REF, h.dealRef());
        properties.put(HandoverTopics.CUSTOMER_ID, h.customerId());
        properties.put(HandoverTopics.SOLD_BY, h.soldBy());
        properties.put(HandoverTopics.STATUS, h.status().name());
        properties.put(HandoverTopics.AT, at.toString());
        // Absent values are left out rather than sent as null, which event properties do not carry well.
        if (h.serviceTeam() != null) {
            properties.put(HandoverTopics.SERVICE_TEAM, h.serviceTeam());
        }
        if (by != null) {
            properties.put(HandoverTopics.BY, by);
        }
        return properties;
    }
}
