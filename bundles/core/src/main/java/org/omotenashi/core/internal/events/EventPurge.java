package org.omotenashi.core.internal.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.omotenashi.core.db.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes events logged longer ago than the retention, oldest first, a thousand per transaction. */
final class EventPurge {
    private static final Logger LOG = LoggerFactory.getLogger(EventPurge.class);
    private static final int CHUNK = 1000;

    private final DataSource dataSource;
    private final Clock clock;
    private final Supplier<Duration> retention;
    private final EventStore store = new EventStore();

    EventPurge(DataSource dataSource, Clock clock, Supplier<Duration> retention) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.retention = retention;
    }

    /** Returns how many events were deleted. */
    int purge() {
        Instant cutoff = clock.instant().minus(retention.get());
        long upTo = Transactions.read(dataSource, c -> store.lastLoggedBefore(c, cutoff));
        long from = Transactions.read(dataSource, store::firstPosition);
        int deleted = 0;
        for (long start = from; start > 0 && start <= upTo && !Thread.currentThread().isInterrupted(); start += CHUNK) {
            long first = start;
            long last = Math.min(upTo, start + CHUNK - 1);
            deleted += Transactions.inTransaction(dataSource, c -> store.purge(c, first, last));
        }
        if (deleted > 0) {
            LOG.info("Event log: {} events logged before {} purged", deleted, cutoff);
        }
        return deleted;
    }
}
