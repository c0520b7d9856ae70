package org.omotenashi.escalation.internal;

import java.util.HashMap;
import java.util.Map;

import org.omotenashi.escalation.api.Escalation;
import org.omotenashi.escalation.api.EscalationTopics;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts the module's events with plain properties, after the change they report is committed. */
public class EscalationEvents {
    private final EventAdmin eventAdmin;

    public EscalationEvents(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    void post(String topic, Escalation e) {
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
        eventAdmin.postEvent(new Event(topic, properties));
    }
}
