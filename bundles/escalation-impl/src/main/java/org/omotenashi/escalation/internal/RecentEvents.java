package org.omotenashi.escalation.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The last events seen, newest first, so a dry run of an event rule can show which current subjects it
 * would fire for. Kept in memory only: after a restart a dry run sees the events since then.
 */
final class RecentEvents {
    /** One event as it arrived. */
    record Seen(String topic, Map<String, Object> properties) {
    }

    private final int capacity;
    private final Deque<Seen> events = new ArrayDeque<>();

    RecentEvents(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(String topic, Map<String, Object> properties) {
        events.addFirst(new Seen(topic, Map.copyOf(properties)));
        while (events.size() > capacity) {
            events.removeLast();
        }
    }

    synchronized List<Seen> snapshot() {
        return new ArrayList<>(events);
    }
}
