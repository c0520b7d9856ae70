package org.omotenashi.core.internal.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.events.DomainEvent;

/**
 * Gives committed events their positions. It holds the head row while it works, so relays of several nodes take
 * turns, and it reads only what is committed, so positions follow the order in which events became visible: a
 * transaction that committed late gets a later position, never a lower one behind a consumer's back.
 */
final class EventRelay {
    static final int BATCH = 500;

    private final DataSource dataSource;
    private final Clock clock;
    private final EventStore store = new EventStore();
    private final Consumer<List<DomainEvent>> relayed;

    /** @param relayed told of each batch after its commit: posts to EventAdmin and wakes the consumers */
    EventRelay(DataSource dataSource, Clock clock, Consumer<List<DomainEvent>> relayed) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.relayed = relayed;
    }

    /** Relays everything committed so far; returns how many events got a position. */
    int relay() {
        int total = 0;
        while (!Thread.currentThread().isInterrupted()) {
            List<DomainEvent> batch = Transactions.inTransaction(dataSource, c -> {
                Instant now = clock.instant();
                long head = store.lockHead(c, now);
                List<EventStore.Pending> pending = store.pending(c, BATCH);
                if (pending.isEmpty()) {
                    return List.of();
                }
                store.log(c, pending, head, now);
                store.setHead(c, head + pending.size());
                List<DomainEvent> events = new ArrayList<>();
                long position = head;
                for (EventStore.Pending p : pending) {
                    events.add(new DomainEvent(p.id(), ++position, p.topic(), p.source(), p.customerId(),
                            Instant.ofEpochMilli(p.occurredAt()), EventProperties.read(p.properties())));
                }
                return events;
            });
            if (batch.isEmpty()) {
                break;
            }
            total += batch.size();
            relayed.accept(batch);
            if (batch.size() < BATCH) {
                break;
            }
        }
        return total;
    }
}
