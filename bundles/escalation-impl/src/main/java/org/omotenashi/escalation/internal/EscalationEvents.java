package org.omotenashi.escalation.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.omotenashi.core.events.DomainEvent;
import org.omotenashi.core.events.EventFilter;
import org.omotenashi.core.events.EventLog;
import org.omotenashi.escalation.api.Escalation;
import org.omotenashi.escalation.api.EscalationTopics;
import org.omotenashi.escalation.api.HistoryEntry;

/**
 * Writes the module's events to the durable event log, in the transaction of the step they report, with plain
 * properties (the log posts them to EventAdmin after the commit), and reads the log's recent events for dry runs.
 */
public class EscalationEvents {
    private final EventLog log;

    public EscalationEvents(EventLog log) {
        this.log = log;
    }

    /** The event of the escalation's newest step, with who took it ({@code by}) and why ({@code reason}). */
    void write(Connection c, String topic, Escalation e) throws SQLException {
        Map<String, Object> properties = new HashMap<>();
        properties.put(EscalationTopics.ESCALATION_ID, e.id());
        properties.put(EscalationTopics.RULE_ID, e.ruleId());
        properties.put(EscalationTopics.SUBJECT_TYPE, e.subject().type());
        properties.put(EscalationTopics.SUBJECT_REF, e.subject().ref());
        if (e.customerId() != null) {
            properties.put(EscalationTopics.CUSTOMER_ID, e.customerId());
        }
        properties.put(EscalationTopics.LEVEL, e.level());
        properties.put(EscalationTopics.STATUS, e.status().name());
        HistoryEntry step = lastStep(e);
        if (step != null && step.by() != null) {
            properties.put(EscalationTopics.BY, step.by());
        }
        if (step != null && step.note() != null) {
            properties.put(EscalationTopics.REASON, step.note());
        }
        log.append(c, topic, properties);
    }

    /** The newest step that is not a note. */
    static HistoryEntry lastStep(Escalation e) {
        List<HistoryEntry> history = e.history();
        for (int i = history.size() - 1; i >= 0; i--) {
            if (!"NOTE".equals(history.get(i).event())) {
                return history.get(i);
            }
        }
        return null;
    }

    /** The newest events of the log on a trigger topic (a trailing {@code *} matches the rest), newest first. */
    List<DomainEvent> recent(String topic, int max) {
        return log.list(new EventFilter(topic, null, null, Math.max(1, Math.min(EventFilter.MAX_LIMIT, max))));
    }
}
