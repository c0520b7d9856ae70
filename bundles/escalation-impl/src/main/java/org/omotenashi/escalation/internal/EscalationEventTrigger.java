package org.omotenashi.escalation.internal;

import java.util.HashMap;
import java.util.Map;

import org.omotenashi.escalation.api.EscalationService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands every suite event to the rules; which rules it triggers is theirs to decide. */
@Component(property = "event.topics=omotenashi/*")
public class EscalationEventTrigger implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EscalationEventTrigger.class);

    @Reference
    private EscalationService escalations;

    @Override
    public void handleEvent(Event event) {
        Map<String, Object> properties = new HashMap<>();
        for (String name : event.getPropertyNames()) {
            properties.put(name, event.getProperty(name));
        }
        try {
            escalations.onEvent(event.getTopic(), properties);
        } catch (RuntimeException e) {
            // EventAdmin would only log it too; say which event was lost so it can be replayed by hand.
            LOG.error("Escalation rules could not be evaluated for {} {}", event.getTopic(), properties, e);
        }
    }
}
