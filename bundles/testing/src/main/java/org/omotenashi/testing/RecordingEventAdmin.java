package org.omotenashi.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Keeps what was posted, so tests can check which events a change raised. */
public final class RecordingEventAdmin implements EventAdmin {
    public final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void postEvent(Event event) {
        events.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        events.add(event);
    }

    public long count(String topic) {
        return events.stream().filter(e -> e.getTopic().equals(topic)).count();
    }

    public List<String> topics() {
        return events.stream().map(Event::getTopic).toList();
    }
}
