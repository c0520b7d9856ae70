package org.omotenashi.handover.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.omotenashi.core.events.EventLog;
import org.omotenashi.handover.api.Contact;
import org.omotenashi.handover.api.Handover;
import org.omotenashi.handover.api.HandoverTopics;
import org.omotenashi.handover.api.Transition;

/**
 * Writes the handover's events to the durable event log, in the transaction of the step they report, with plain
 * properties; the log posts them to EventAdmin after the commit.
 */
final class HandoverEvents {
    private final EventLog log;

    HandoverEvents(EventLog log) {
        this.log = log;
    }

    /** The event of the handover's newest step, with who took it and why (its comment or questions). */
    void write(Connection c, String topic, Handover h, Transition step) throws SQLException {
        Map<String, Object> properties = properties(h, step.by(), step.at());
        if (step.comment() != null) {
            properties.put(HandoverTopics.REASON, step.comment());
        }
        if (step.questions() != null) {
            properties.put(HandoverTopics.QUESTIONS, step.questions().toArray(new String[0]));
        }
        log.append(c, topic, properties);
    }

    void writeAckOverdue(Connection c, Handover h, Instant at, Duration target) throws SQLException {
        Map<String, Object> properties = properties(h, null, at);
        properties.put(HandoverTopics.SUBMITTED_AT, h.submittedAt().toString());
        properties.put(HandoverTopics.ACK_TARGET_BUSINESS_HOURS, target.toHours());
        log.append(c, HandoverTopics.ACK_OVERDUE, properties);
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
        Contact contact = h.primaryContact();
        if (contact != null && contact.email() != null) {
            properties.put(HandoverTopics.CONTACT_EMAIL, contact.email());
        }
        if (contact != null && contact.language() != null) {
            properties.put(HandoverTopics.LANGUAGE, contact.language());
        }
        return properties;
    }

}
