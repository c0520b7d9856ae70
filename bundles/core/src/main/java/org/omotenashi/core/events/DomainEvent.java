package org.omotenashi.core.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event of the durable log: what happened ({@code topic}, e.g. {@code omotenashi/promise/KEPT}), to which
 * customer, when, raised by which module ({@code source}, the topic's module), with the same plain properties
 * EventAdmin subscribers receive. {@code position} is its place in the log, gap-free and in commit order.
 */
public record DomainEvent(String id, long position, String topic, String source, String customerId, Instant at,
                          Map<String, Object> properties) {
    public DomainEvent {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** A property as text, or null when absent or blank. */
    public String text(String name) {
        Object value = properties.get(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}
