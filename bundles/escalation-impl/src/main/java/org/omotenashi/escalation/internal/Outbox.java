package org.omotenashi.escalation.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.omotenashi.core.db.Transactions;
import org.omotenashi.escalation.api.ActionType;
import org.omotenashi.escalation.api.Delivery;
import org.omotenashi.escalation.api.DeliveryAttempt;
import org.omotenashi.escalation.api.DeliveryStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Empties the outbox: takes due rows, tries each once through its channel, and logs the attempt. A failure
 * is retried with exponential back-off until the row has been due longer than the give-up age; then it is
 * FAILED and stays visible. Rows survive restarts because they are only ever changed in the database.
 */
final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final int BATCH = 50;

    private final DataSource dataSource;
    private final Clock clock;
    private final Map<ActionType, DeliveryChannel> channels;
    private final EscalationStore store;
    private volatile Backoff backoff;
    private volatile Duration giveUpAfter;
    private volatile Duration lease;

    Outbox(DataSource dataSource, SecretSeal seal, Clock clock, Map<ActionType, DeliveryChannel> channels, Backoff backoff,
           Duration giveUpAfter, Duration lease) {
        this.dataSource = dataSource;
        this.store = new EscalationStore(seal);
        this.clock = clock;
        this.channels = Map.copyOf(channels);
        this.backoff = backoff;
        this.giveUpAfter = giveUpAfter;
        this.lease = lease;
    }

    void configure(Backoff newBackoff, Duration newGiveUpAfter, Duration newLease) {
        backoff = newBackoff;
        giveUpAfter = newGiveUpAfter;
        lease = newLease;
    }

    /** Delivers what is due now; returns how many rows were attempted. */
    int deliverDue() {
        Instant now = clock.instant();
        List<EscalationStore.Outgoing> due = Transactions.read(dataSource, c -> store.due(c, now, BATCH));
        int attempted = 0;
        for (EscalationStore.Outgoing row : due) {
            Delivery d = row.delivery();
            boolean mine = Transactions.inTransaction(dataSource,
                    c -> store.claim(c, d.id(), d.nextAttemptAt(), now.plus(lease)));
            if (mine) {
                attempt(d, row.secret());
                attempted++;
            }
        }
        return attempted;
    }

    private void attempt(Delivery d, String secret) {
        DeliveryChannel channel = channels.get(d.action());
        Instant at = clock.instant();
        long started = System.nanoTime();
        DeliveryChannel.Result result;
        try {
            result = channel == null ? DeliveryChannel.Result.refused("no channel delivers " + d.action())
                    : channel.send(d, secret);
        } catch (RuntimeException e) {
            result = DeliveryChannel.Result.failed(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        int attempt = d.attempts() + 1;
        Instant after = clock.instant();
        DeliveryStatus status;
        Instant next;
        if (result.delivered()) {
            status = DeliveryStatus.DELIVERED;
            next = after;
        } else if (result.permanent() || !after.isBefore(d.notBefore().plus(giveUpAfter))) {
            status = DeliveryStatus.FAILED;
            next = after;
            LOG.warn("Escalation delivery {} ({} to {}) given up after {} attempts: {}", d.id(), d.action(), d.target(),
                    attempt, result.error());
        } else {
            status = DeliveryStatus.PENDING;
            next = after.plus(backoff.after(attempt));
            LOG.info("Escalation delivery {} ({} to {}) attempt {} failed, next at {}: {}", d.id(), d.action(),
                    d.target(), attempt, next, result.error());
        }
        DeliveryAttempt logged = new DeliveryAttempt(at, result.statusCode(), result.error(), millis);
        Transactions.inTransaction(dataSource, c -> {
            store.recordAttempt(c, d.id(), attempt, logged, status, next,
                    status == DeliveryStatus.DELIVERED ? after : null);
            return null;
        });
    }
}
