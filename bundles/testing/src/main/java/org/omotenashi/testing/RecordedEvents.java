package org.omotenashi.testing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

import org.omotenashi.core.events.DomainEvent;
import org.omotenashi.core.events.EventFilter;
import org.omotenashi.core.events.EventLog;
import org.omotenashi.core.events.LoggedEvent;
import org.omotenashi.core.internal.events.StoredEventLog;
import org.osgi.service.event.Event;

/**
 * The core's real event log on a test's database (no threads: the test relays), and what the module under test
 * wrote to it, as the EventAdmin events the log posts.
 */
public final class RecordedEvents {
    private final StoredEventLog log;

    public RecordedEvents(DataSource dataSource, Clock clock) {
        this.log = StoredEventLog.forTests(dataSource, clock);
    }

    /** The log to hand to the module under test. */
    public EventLog log() {
        return log;
    }

    /** The real implementation, for tests that drive its relay or subscribe consumers. */
    public StoredEventLog stored() {
        return log;
    }

    /** Every committed event so far, oldest first, as EventAdmin subscribers receive them. */
    public List<Event> events() {
        List<Event> events = new ArrayList<>();
        for (DomainEvent e : domainEvents()) {
            events.add(new LoggedEvent(e));
        }
        return events;
    }

    /** Every committed event so far, oldest first. */
    public List<DomainEvent> domainEvents() {
        log.relayNow();
        List<DomainEvent> newestFirst = new ArrayList<>();
        Long before = null;
        while (true) {
            List<DomainEvent> page = log.list(new EventFilter(null, null, before, EventFilter.MAX_LIMIT));
            newestFirst.addAll(page);
            if (page.size() < EventFilter.MAX_LIMIT) {
                break;
            }
            before = page.get(page.size() - 1).position();
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    public long count(String topic) {
        return domainEvents().stream().filter(e -> e.topic().equals(topic)).count();
    }

    public List<String> topics() {
        return domainEvents().stream().map(DomainEvent::topic).toList();
    }
}
