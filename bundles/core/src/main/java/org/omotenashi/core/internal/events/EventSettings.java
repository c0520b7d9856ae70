package org.omotenashi.core.internal.events;

import java.time.Duration;

/** What the event log reads from its configuration; changes apply to the next run. */
record EventSettings(Duration retention, long relayIntervalMillis, long consumerIntervalMillis, boolean newConsumersFromStart,
                     int maxAttempts, long purgeIntervalMillis) {

    static EventSettings of(EventsConfig config) {
        String start = config.newConsumersStartAt().strip();
        if (!start.equals("now") && !start.equals("earliest")) {
            throw new IllegalArgumentException("newConsumersStartAt must be now or earliest, not " + start);
        }
        return new EventSettings(Duration.ofDays(Math.max(1, config.retentionDays())),
                Math.max(10, config.relayIntervalMillis()), Math.max(10, config.consumerIntervalMillis()),
                start.equals("earliest"), Math.max(1, config.maxAttempts()),
                Duration.ofMinutes(Math.max(1, config.purgeIntervalMinutes())).toMillis());
    }

    /** The defaults, for tests. */
    static EventSettings defaults() {
        return new EventSettings(Duration.ofDays(30), 1000, 1000, false, 10, Duration.ofHours(1).toMillis());
    }

    EventSettings startingAtEarliest() {
        return new EventSettings(retention, relayIntervalMillis, consumerIntervalMillis, true, maxAttempts, purgeIntervalMillis);
    }

    EventSettings withMaxAttempts(int attempts) {
        return new EventSettings(retention, relayIntervalMillis, consumerIntervalMillis, newConsumersFromStart, attempts,
                purgeIntervalMillis);
    }
}
