package org.omotenashi.core.events;

import java.time.Instant;

/**
 * Where one consumer stands in the log: its position against the head, whether it reads on this node now,
 * and the events it set aside because its reaction kept failing.
 */
public record ConsumerState(String consumer, long position, long head, boolean active, Instant updatedAt,
                            long handled, long setAside, String lastError) {
    /** Events in the log the consumer has not yet passed. */
    public long lag() {
        return Math.max(0, head - position);
    }
}
