package org.omotenashi.escalation.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Keeps posted events so tests can assert on them. */
class RecordingEventAdmin implements EventAdmin {
    final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void postEvent(Event event) {
        events.add(event);
    }

    @Override
    public synchronized void sendEvent(Event event) {
        events.add(event);
    }

    synchronized List<String> topics() {
        return events.stream().map(Event::getTopic).toList();
    }
}
