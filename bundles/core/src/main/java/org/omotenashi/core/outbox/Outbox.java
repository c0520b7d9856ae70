package org.omotenashi.core.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

import org.omotenashi.core.db.Migrations;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.internal.outbox.OutboxStore;
import org.omotenashi.core.work.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One owner's part of the durable outbox, in the owner's own database. A module enqueues a delivery in the
 * transaction of the change that caused it ({@link #enqueue}), so it is sent exactly when that change
 * commits; its channels send it ({@link #deliverWith}, {@link #deliverEvery}); a failed attempt is retried with exponential
 * back-off until the delivery has waited longer than {@link RetryPolicy#giveUpAfter()}, and then it is FAILED
 * and stays visible. Every attempt is logged ({@link #deliveries}). A finished delivery (delivered or given up)
 * is kept {@link #keepFinishedFor} (30 days unless the owner says otherwise) after its last attempt, and then
 * deleted with its attempts by the delivery runs, at most once an hour. Rows survive restarts because they are
 * only ever changed in the database; a worker takes a row with a lease, so two machines sharing the database
 * never send it twice unless one dies mid-attempt.
 */
public final class Outbox implements AutoCloseable {
    /** The most deliveries one list may hold. */
    public static final int MAX_LIST = 500;
    static final String CHANGELOG = "db/outbox/changelog.xml";
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    /** How long a finished delivery stays in the log when the owner does not say otherwise. */
    public static final Duration KEPT_BY_DEFAULT = Duration.ofDays(30);
    /** Rows taken per run: a long backlog is worked off over several runs, never in one long one. */
    private static final int BATCH = 50;
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);
    /** Finished deliveries deleted per transaction, and transactions per run: a long tail goes over several runs. */
    private static final int PURGE_CHUNK = 500;
    private static final int PURGE_CHUNKS_PER_RUN = 20;

    private final DataSource dataSource;
    private final Clock clock;
    private final String owner;
    private final OutboxStore store;
    private final Worker worker;
    private volatile Setup setup;
    private volatile Duration kept = KEPT_BY_DEFAULT;
    /** When the delivery runs next delete finished deliveries; at the first run after opening. */
    private volatile Instant nextPurge = Instant.MIN;
    private Worker.Schedule schedule;

    /** The channels and rules deliveries run with; replaced whole when the module's configuration changes. */
    private record Setup(Map<String, OutboxChannel> channels, RetryPolicy policy) {
    }

    /**
     * Opens the owner's outbox, creating the outbox tables in this database if no one has yet.
     *
     * @param owner names the rows this outbox takes and sends, e.g. {@code escalation}; unique per database
     */
    public Outbox(DataSource dataSource, Clock clock, String owner) {
        Migrations.apply(dataSource, CHANGELOG, Outbox.class);
        this.dataSource = dataSource;
        this.clock = clock;
        this.owner = owner;
        this.store = new OutboxStore(owner);
        this.worker = new Worker("omotenashi-" + owner + "-outbox");
    }

    /**
     * Adds a delivery in the caller's transaction; nothing is sent unless it commits.
     *
     * @return the delivery's id, {@code msg_} and 32 hex digits: the same on every attempt, so a receiver can
     *         drop repeats (Standard Webhooks sends it as {@code webhook-id})
     */
    public String enqueue(Connection c, OutboxMessage message) throws SQLException {
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        store.insert(c, id, message, clock.instant());
        return id;
    }

    /** The delivery log: the owner's deliveries, newest first, each with its attempts. */
    public List<OutboxDelivery> deliveries(OutboxStatus status, String reference, int limit) {
        return deliveries(status, reference, null, null, limit);
    }

    /**
     * The delivery log page by page: the deliveries after the one created at {@code afterCreatedAt} with id
     * {@code afterId} (the last of the page before), in the same order; the first page when both are null.
     */
    public List<OutboxDelivery> deliveries(OutboxStatus status, String reference, Instant afterCreatedAt, String afterId,
                                           int limit) {
        int max = Math.max(1, Math.min(MAX_LIST, limit));
        return Transactions.read(dataSource, c -> store.deliveries(c, status, reference, afterCreatedAt, afterId, max));
    }

    /**
     * Whether the owner already has a delivery with this reference, seen in the caller's transaction: lets a
     * module enqueue at most once per reference (e.g. per event it reacts to).
     */
    public boolean holds(Connection c, String reference) throws SQLException {
        return store.holds(c, reference);
    }

    /** How many of the owner's deliveries stand at {@code status}: the backlog (PENDING), those given up (FAILED). */
    public long count(OutboxStatus status) {
        return Transactions.read(dataSource, c -> store.count(c, status));
    }

    /**
     * Sends through {@code channels} (by the name a message gives) with {@code policy} from now on; a second
     * call replaces both, e.g. when the module's configuration changes.
     */
    public void deliverWith(Map<String, OutboxChannel> channels, RetryPolicy policy) {
        setup = new Setup(Map.copyOf(channels), policy);
    }

    /**
     * Keeps finished deliveries (delivered or given up) this long after their last attempt; older ones are deleted,
     * with their attempts, by the delivery runs (at most once an hour). {@link #KEPT_BY_DEFAULT} until called.
     */
    public void keepFinishedFor(Duration kept) {
        if (kept.isNegative() || kept.isZero()) {
            throw new IllegalArgumentException("finished deliveries are kept for a positive time, not " + kept);
        }
        this.kept = kept;
    }

    /** Sends what is due now and then every {@code interval}, on a thread of the outbox's own; a second call reschedules. */
    public synchronized void deliverEvery(Duration interval) {
        if (schedule != null) {
            schedule.cancel();
        }
        schedule = worker.every("Delivery run of the " + owner + " outbox", interval, Duration.ZERO, this::deliverDue);
    }

    /**
     * Sends what is due now, on the outbox's own thread after any run in progress, and waits: every delivery
     * due by the clock has been attempted when this returns.
     *
     * @return how many deliveries were attempted
     */
    public int deliverNow() {
        return worker.runNow("Delivery run of the " + owner + " outbox", this::deliverDue);
    }

    /**
     * Rewrites the stored secrets of the owner's deliveries, in the caller's transaction: {@code rewrite} gets
     * each as stored and answers it unchanged to keep it (used to seal what was stored in the clear).
     *
     * @return how many were rewritten
     */
    public int rewriteSecrets(Connection c, UnaryOperator<String> rewrite) throws SQLException {
        return store.rewriteSecrets(c, rewrite);
    }

    /** Stops sending; what is pending stays in the database for the next start. */
    @Override
    public void close() {
        worker.close();
    }

    private int deliverDue() {
        Setup current = setup;
        if (current == null) {
            throw new IllegalStateException("the " + owner + " outbox has no channels yet");
        }
        Instant now = clock.instant();
        List<OutboxStore.Due> due = Transactions.read(dataSource, c -> store.due(c, now, BATCH));
        int attempted = 0;
        for (OutboxStore.Due row : due) {
            OutboxDelivery d = row.delivery();
            boolean mine = Transactions.inTransaction(dataSource,
                    c -> store.claim(c, d.id(), d.nextAttemptAt(), now.plus(current.policy().lease())));
            if (mine) {
                attempt(current, d, row.secret());
                attempted++;
            }
        }
        if (!now.isBefore(nextPurge)) {
            nextPurge = purgeFinished(now) ? now : now.plus(PURGE_INTERVAL);
        }
        return attempted;
    }

    /** Deletes finished deliveries older than kept; true when more may be left for the next run. */
    private boolean purgeFinished(Instant now) {
        Instant before = now.minus(kept);
        int deleted = 0;
        for (int chunk = 0; chunk < PURGE_CHUNKS_PER_RUN; chunk++) {
            int purged = Transactions.inTransaction(dataSource, c -> store.purgeFinished(c, before, PURGE_CHUNK));
            deleted += purged;
            if (purged < PURGE_CHUNK) {
                reportPurged(deleted, before);
                return false;
            }
        }
        reportPurged(deleted, before);
        return true;
    }

    private void reportPurged(int deleted, Instant before) {
        if (deleted > 0) {
            LOG.info("The {} outbox deleted {} deliveries finished before {}", owner, deleted, before);
        }
    }

    private void attempt(Setup current, OutboxDelivery d, String secret) {
        OutboxChannel channel = current.channels().get(d.channel());
        Instant at = clock.instant();
        long started = System.nanoTime();
        SendResult result;
        try {
            result = channel == null ? SendResult.refused("no channel delivers " + d.channel()) : channel.send(d, secret);
        } catch (RuntimeException e) {
            result = SendResult.failed(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        int attempt = d.attempts() + 1;
        Instant after = clock.instant();
        OutboxStatus status;
        Instant next;
        if (result.delivered()) {
            status = OutboxStatus.DELIVERED;
            next = after;
        } else if (result.permanent() || !after.isBefore(d.notBefore().plus(current.policy().giveUpAfter()))) {
            status = OutboxStatus.FAILED;
            next = after;
            LOG.warn("The {} outbox gave up delivery {} ({} to {}) after {} attempts: {}", owner, d.id(), d.channel(),
                    d.target(), attempt, result.error());
        } else {
            status = OutboxStatus.PENDING;
            next = after.plus(current.policy().after(attempt));
            LOG.info("The {} outbox's delivery {} ({} to {}) failed attempt {}, next at {}: {}", owner, d.id(),
                    d.channel(), d.target(), attempt, next, result.error());
        }
        OutboxAttempt logged = new OutboxAttempt(at, result.statusCode(), result.error(), millis);
        Transactions.inTransaction(dataSource, c -> {
            store.recordAttempt(c, d.id(), attempt, logged, status, next,
                    status == OutboxStatus.DELIVERED ? after : null);
            return null;
        });
    }
}
