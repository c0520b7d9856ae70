package org.omotenashi.core.events;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.event.Event;

/**
 * The EventAdmin event the log posts for each of its events: the topic and properties the module wrote, plus
 * {@value #LOG_ID}, the event's id in the log (a subscriber can drop repeats by it). EventAdmin may hand its
 * subscribers a copy (Karaf's adds a timestamp), so a module that reacts to the log and also listens on EventAdmin
 * for other bundles' events asks {@link #isLogged(Event)}, never {@code instanceof}, to pass over the log's own.
 */
public final class LoggedEvent extends Event {
    /** The property naming the event's id in the durable log. */
    public static final String LOG_ID = "event.log.id";

    private final DomainEvent event;

    public LoggedEvent(DomainEvent event) {
        super(event.topic(), withId(event));
        this.event = event;
    }

    private static Map<String, Object> withId(DomainEvent event) {
        Map<String, Object> properties = new LinkedHashMap<>(event.properties());
        properties.put(LOG_ID, event.id());
        return properties;
    }

    public DomainEvent domainEvent() {
        return event;
    }

    /**
     * The properties of an event another bundle posted to EventAdmin, as a map, so that a module hands them to the
     * same code its logged events go to ({@link DomainEvent#properties()}).
     */
    public static Map<String, Object> properties(Event event) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : event.getPropertyNames()) {
            properties.put(name, event.getProperty(name));
        }
        return properties;
    }

    /** Whether an EventAdmin event is (a copy of) one the log posted, rather than one another bundle posted. */
    public static boolean isLogged(Event event) {
        return event instanceof LoggedEvent || event.getProperty(LOG_ID) != null;
    }
}
