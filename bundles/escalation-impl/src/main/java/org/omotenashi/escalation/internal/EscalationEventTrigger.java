package org.omotenashi.escalation.internal;

import java.util.Map;

import org.omotenashi.core.events.LoggedEvent;
import org.omotenashi.escalation.api.EscalationService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the {@code omotenashi/*} events other bundles post to EventAdmin to the rules. The suite's own events
 * reach the rules from the durable event log; their EventAdmin copies ({@link LoggedEvent#isLogged}) are passed over here,
 * so no event is handled twice.
 */
@Component(property = "event.topics=omotenashi/*")
public class EscalationEventTrigger implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EscalationEventTrigger.class);

    @Reference
    private EscalationService escalations;

    @Override
    public void handleEvent(Event event) {
        if (LoggedEvent.isLogged(event)) {
            return;
        }
        Map<String, Object> properties = LoggedEvent.properties(event);
        try {
            escalations.onEvent(event.getTopic(), properties);
        } catch (RuntimeException e) {
            // EventAdmin would only log it too; say which event was lost so it can be replayed by hand.
            LOG.error("Escalation rules could not be evaluated for {} {}", event.getTopic(), properties, e);
        }
    }
}
