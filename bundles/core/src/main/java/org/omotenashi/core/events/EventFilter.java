package org.omotenashi.core.events;

/**
 * Which events to list, newest first: a topic (a trailing {@code *} matches the rest), a customer, events
 * before a position (for the next page), and how many (1 to {@link #MAX_LIMIT}).
 */
public record EventFilter(String topic, String customerId, Long beforePosition, int limit) {
    public static final int MAX_LIMIT = 500;

    public EventFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT);
        }
    }

    /** True when {@code topic} matches {@code pattern}: equal, or the pattern ends in {@code *} and is its start. */
    public static boolean matches(String pattern, String topic) {
        return pattern.endsWith("*") ? topic.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(topic);
    }
}
