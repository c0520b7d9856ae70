package org.omotenashi.core.events;

import org.osgi.service.event.Event;

/**
 * The EventAdmin event the log posts for each of its events, with exactly the topic and properties the module
 * wrote. A module that reacts to the log and also listens on EventAdmin (for events of other bundles) skips
 * these, so it never handles one event twice.
 */
public final class LoggedEvent extends Event {
    private final DomainEvent event;

    public LoggedEvent(DomainEvent event) {
        super(event.topic(), event.properties());
        this.event = event;
    }

    public DomainEvent domainEvent() {
        return event;
    }
}
