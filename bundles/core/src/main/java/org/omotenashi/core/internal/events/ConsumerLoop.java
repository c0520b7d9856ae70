package org.omotenashi.core.internal.events;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.omotenashi.core.db.StorageException;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.events.DomainEvent;
import org.omotenashi.core.events.EventReaction;
import org.omotenashi.core.events.RetryLater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer reading the log from its position in the database. Each reaction runs in one transaction with
 * the move of the position past its event (compare and set), so an event is handled exactly once: a crash
 * before the commit leaves both undone, and another node that moved the position first makes this one roll back.
 * Events the consumer does not want are passed over in bulk. A reaction that keeps failing (not the database:
 * that is waited out) is retried with growing pauses and, after the configured attempts, set aside with its error.
 */
final class ConsumerLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
    static final int BATCH = 200;

    private final String consumer;
    private final Predicate<String> wants;
    private final EventReaction reaction;
    private final int perTransaction;
    private final DataSource dataSource;
    private final Clock clock;
    private final Supplier<EventSettings> settings;
    private final EventStore store = new EventStore();

    private String failingEvent;
    private int attempts;
    private String waitingFor;
    private int waiting;
    private long retryAfterNanos;
    private long reportedGapAt = -1;
    /** Whether this loop has had a position: from then on, a forgotten mark made elsewhere is undone, not obeyed. */
    private volatile boolean read;

    ConsumerLoop(String consumer, Predicate<String> wants, EventReaction reaction, int perTransaction,
                 DataSource dataSource, Clock clock, Supplier<EventSettings> settings) {
        this.consumer = consumer;
        this.wants = wants;
        this.reaction = reaction;
        this.perTransaction = perTransaction;
        this.dataSource = dataSource;
        this.clock = clock;
        this.settings = settings;
    }

    String consumer() {
        return consumer;
    }

    /**
     * Where this consumer stands; a consumer never seen before, or forgotten before this loop first read it, is
     * put at the head (or the start) of the log. One forgotten while this loop reads it (another node's instance of
     * it was removed there) goes on from its position.
     */
    long position() {
        Optional<EventStore.Standing> known = Transactions.read(dataSource, c -> store.standing(c, consumer));
        if (known.isPresent() && known.get().forgotten() && read) {
            Transactions.inTransaction(dataSource, c -> {
                store.unforget(c, consumer, clock.instant());
                return null;
            });
            LOG.warn("Event consumer {} was forgotten elsewhere while it reads here; it goes on from position {}",
                    consumer, known.get().position());
        } else if (known.isEmpty() || known.get().forgotten()) {
            return startAnew(known.isPresent());
        }
        read = true;
        return known.get().position();
    }

    private long startAnew(boolean forgotten) {
        try {
            Optional<Long> started = Transactions.inTransaction(dataSource, c -> {
                long start = settings.get().newConsumersFromStart() ? 0 : store.head(c);
                if (forgotten) {
                    if (!store.restartForgotten(c, consumer, start, clock.instant())) {
                        return Optional.<Long>empty();
                    }
                } else {
                    store.insertConsumer(c, consumer, start, clock.instant());
                }
                LOG.info("Event consumer {} starts at position {}", consumer, start);
                return Optional.of(start);
            });
            if (started.isPresent()) {
                read = true;
                return started.get();
            }
        } catch (StorageException e) {
            if (!(e.getCause() instanceof SQLException sql && Transactions.isDuplicateKey(sql))) {
                throw e;
            }
        }
        // Another node started it (or took it back) first: go on where it stands now.
        return position();
    }

    /** Reacts to everything beyond the position; returns how many events it reacted to. */
    int catchUp() {
        if (System.nanoTime() < retryAfterNanos) {
            return 0;
        }
        long position = position();
        int reacted = 0;
        while (!Thread.currentThread().isInterrupted()) {
            long from = position;
            List<DomainEvent> batch = Transactions.read(dataSource, c -> store.after(c, from, BATCH));
            if (batch.isEmpty()) {
                return reacted;
            }
            reportGap(position, batch.get(0));
            if (perTransaction > 1 && failingEvent == null && waitingFor == null) {
                List<DomainEvent> together = batch.subList(0, Math.min(perTransaction, batch.size()));
                int handled = reactTogether(position, together);
                if (handled >= 0) {
                    reacted += handled;
                    position = together.get(together.size() - 1).position();
                    continue;
                }
                // One of them failed, or another node moved the position: one event per transaction below.
            }
            long passOver = position;
            for (DomainEvent e : batch) {
                if (Thread.currentThread().isInterrupted()) {
                    return reacted;
                }
                if (!wants.test(e.topic())) {
                    passOver = e.position();
                    continue;
                }
                Step step = react(position, e);
                if (step == Step.STOP) {
                    return reacted;
                }
                if (step == Step.MOVED_ELSEWHERE) {
                    position = position();
                    passOver = position;
                    break;
                }
                reacted += step == Step.REACTED ? 1 : 0;
                position = e.position();
                passOver = position;
            }
            if (passOver > position) {
                long expected = position;
                long target = passOver;
                boolean moved = Transactions.inTransaction(dataSource,
                        c -> store.advance(c, consumer, expected, target, 0, clock.instant()));
                position = moved ? passOver : position();
            }
        }
        return reacted;
    }

    /**
     * Reacts to the wanted ones of {@code events} and moves the position past the last, all in one transaction.
     *
     * @return how many were reacted to; -1 when nothing was committed (a reaction failed, or the position moved)
     */
    private int reactTogether(long position, List<DomainEvent> events) {
        List<DomainEvent> wanted = events.stream().filter(e -> wants.test(e.topic())).toList();
        long last = events.get(events.size() - 1).position();
        try {
            return Transactions.inTransaction(dataSource, c -> {
                if (!store.advance(c, consumer, position, last, wanted.size(), clock.instant())) {
                    return -1;
                }
                for (DomainEvent e : wanted) {
                    reaction.react(c, e);
                }
                return wanted.size();
            });
        } catch (RuntimeException failure) {
            LOG.debug("Event consumer {} reacts one event at a time after a failure among {} events: {}", consumer,
                    wanted.size(), failure.toString());
            return -1;
        }
    }

    private enum Step { REACTED, SET_ASIDE, MOVED_ELSEWHERE, STOP }

    private Step react(long position, DomainEvent e) {
        try {
            boolean mine = Transactions.inTransaction(dataSource, c -> {
                if (!store.advance(c, consumer, position, e.position(), 1, clock.instant())) {
                    return false;
                }
                reaction.react(c, e);
                return true;
            });
            succeeded(e);
            return mine ? Step.REACTED : Step.MOVED_ELSEWHERE;
        } catch (RuntimeException failure) {
            return failed(position, e, failure);
        }
    }

    private void succeeded(DomainEvent e) {
        if (!e.id().equals(failingEvent) && !e.id().equals(waitingFor)) {
            return;
        }
        if (e.id().equals(waitingFor)) {
            LOG.info("Event consumer {} reacted to {} at {} after waiting", consumer, e.topic(), e.position());
        }
        failingEvent = null;
        attempts = 0;
        waitingFor = null;
        waiting = 0;
        retryAfterNanos = 0;
    }

    private Step failed(long position, DomainEvent e, RuntimeException failure) {
        String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (isDatabaseDown(failure)) {
            LOG.warn("Event consumer {} cannot reach the database; it waits for it before {} at {}", consumer, e.topic(),
                    e.position(), failure);
            retryAfterNanos = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            return Step.STOP;
        }
        if (failure instanceof RetryLater) {
            // The outside world is down: wait as long as it takes, and never set the event aside for it.
            waiting = e.id().equals(waitingFor) ? waiting + 1 : 1;
            waitingFor = e.id();
            long pause = Math.min(60, 1L << Math.min(6, waiting - 1));
            if (waiting == 1) {
                LOG.warn("Event consumer {} waits to react to {} at {}: {}", consumer, e.topic(), e.position(), error);
            }
            retryAfterNanos = System.nanoTime() + Duration.ofSeconds(pause).toNanos();
            recordQuietly(error);
            return Step.STOP;
        }
        if (!e.id().equals(failingEvent)) {
            failingEvent = e.id();
            attempts = 0;
        }
        attempts++;
        int max = settings.get().maxAttempts();
        if (attempts >= max) {
            LOG.error("Event consumer {} set aside {} at position {} after {} failed attempts: {}", consumer, e.topic(),
                    e.position(), attempts, error, failure);
            int tried = attempts;
            boolean moved = Transactions.inTransaction(dataSource, c -> {
                if (!store.advance(c, consumer, position, e.position(), 0, clock.instant())) {
                    return false;
                }
                store.setAside(c, consumer, e, tried, error, clock.instant());
                store.recordError(c, consumer, error);
                return true;
            });
            failingEvent = null;
            attempts = 0;
            return moved ? Step.SET_ASIDE : Step.MOVED_ELSEWHERE;
        }
        long pause = Math.min(60, 1L << Math.min(6, attempts - 1));
        LOG.warn("Event consumer {} failed on {} at position {} (attempt {} of {}), next try in {} s: {}", consumer,
                e.topic(), e.position(), attempts, max, pause, error, failure);
        retryAfterNanos = System.nanoTime() + Duration.ofSeconds(pause).toNanos();
        recordQuietly(error);
        return Step.STOP;
    }

    private void recordQuietly(String error) {
        try {
            Transactions.inTransaction(dataSource, c -> {
                store.recordError(c, consumer, error);
                return null;
            });
        } catch (RuntimeException ignored) {
            // the error is in the log file; the next attempt records it again
        }
    }

    /** The reaction's own mistakes count towards setting an event aside; an unreachable database never does. */
    static boolean isDatabaseDown(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("40")
                    || sql.getSQLState().startsWith("57") || sql.getSQLState().startsWith("XJ"))) {
                return true;
            }
        }
        return false;
    }

    private void reportGap(long position, DomainEvent first) {
        if (first.position() > position + 1 && reportedGapAt != position) {
            reportedGapAt = position;
            LOG.warn("Event consumer {} was behind the retention: events {} to {} were purged before it read them",
                    consumer, position + 1, first.position() - 1);
        }
    }
}
