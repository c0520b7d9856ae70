package org.omotenashi.connector.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A position in the order in which a system's items changed: after every item changed before
 * {@code changedAt}, and after those changed exactly then whose external id sorts at or before {@code lastId}.
 * The engine moves it past an item only once that item has been applied.
 */
public record ChangeCursor(Instant changedAt, String lastId) {
    /** Before everything the system holds. */
    public static final ChangeCursor START = new ChangeCursor(Instant.EPOCH, "");

    public ChangeCursor {
        Objects.requireNonNull(changedAt, "changedAt");
        lastId = lastId == null ? "" : lastId;
    }

    /** The position just after {@code item}. */
    public static ChangeCursor after(WorkItem item) {
        return new ChangeCursor(item.changedAt(), item.externalId());
    }

    /** Whether {@code item} lies beyond this position, i.e. has not been passed yet. */
    public boolean isBefore(WorkItem item) {
        int byTime = changedAt.compareTo(item.changedAt());
        return byTime < 0 || byTime == 0 && lastId.compareTo(item.externalId()) < 0;
    }
}
