package org.omotenashi.escalation.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.omotenashi.core.outbox.Outbox;
import org.omotenashi.core.outbox.OutboxAttempt;
import org.omotenashi.core.outbox.OutboxChannel;
import org.omotenashi.core.outbox.OutboxDelivery;
import org.omotenashi.core.outbox.OutboxMessage;
import org.omotenashi.core.outbox.OutboxStatus;
import org.omotenashi.core.outbox.RetryPolicy;
import org.omotenashi.escalation.api.ActionType;
import org.omotenashi.escalation.api.Delivery;
import org.omotenashi.escalation.api.DeliveryAttempt;
import org.omotenashi.escalation.api.DeliveryStatus;
import org.omotenashi.promises.api.PromiseTracker;

/**
 * The escalation's actions on the suite's durable outbox: each planned action is enqueued in the transaction
 * that opened or raised its escalation, its webhook secret sealed, and sent through the channel of its action
 * type. The webhook channel opens the secret itself; the outbox only ever holds it sealed.
 */
final class EscalationOutbox implements AutoCloseable {
    static final String OWNER = "escalation";

    private final Outbox outbox;
    private final SecretSeal seal;

    EscalationOutbox(DataSource dataSource, Clock clock, SecretSeal seal) {
        this.outbox = new Outbox(dataSource, clock, OWNER);
        this.seal = seal;
    }

    /** Queues a planned action in the caller's transaction, its secret sealed. */
    void enqueue(Connection c, ActionPlanner.Planned planned) throws SQLException {
        outbox.enqueue(c, new OutboxMessage(planned.action().name(), planned.escalationId(), planned.target(),
                planned.payload(), planned.notBefore(), seal.seal(planned.secret())));
    }

    /** (Re)starts delivery with the channels and timings the configuration gives. */
    void deliver(MailConfig mail, EscalationConfig config, Clock clock, Supplier<PromiseTracker> tracker) {
        Duration timeout = Duration.ofSeconds(Math.max(1, config.webhookTimeoutSeconds()));
        deliverWith(Map.of(ActionType.NOTIFY, new MailChannel(mail),
                        ActionType.WEBHOOK, new WebhookChannel(clock, timeout, config.allowLocalWebhookTargets()),
                        ActionType.REASSIGN, new ReassignChannel(tracker)),
                new RetryPolicy(Duration.parse(config.retryBase()), Duration.parse(config.retryCap()),
                        Duration.parse(config.giveUpAfter()),
                        // Longer than any one attempt can take, so a row is only retaken when its worker died.
                        timeout.multipliedBy(3).plusSeconds(30)));
        outbox.keepFinishedFor(Duration.ofDays(Math.max(1, config.deliveriesKeptDays())));
        outbox.deliverEvery(Duration.ofMillis(Math.max(100, config.deliveryIntervalMillis())));
    }

    /** Sends each action type through its channel, which gets the delivery's secret opened. */
    void deliverWith(Map<ActionType, OutboxChannel> channels, RetryPolicy policy) {
        Map<String, OutboxChannel> byName = new HashMap<>();
        channels.forEach((type, channel) -> byName.put(type.name(), (delivery, sealed) -> channel.send(delivery, seal.open(sealed))));
        outbox.deliverWith(byName, policy);
    }

    /** Runs the outbox once now and waits; how many deliveries it attempted. */
    int deliverNow() {
        return outbox.deliverNow();
    }

    /** The outbox, newest first, with each delivery's attempts. */
    List<Delivery> deliveries(DeliveryStatus status, int limit) {
        OutboxStatus wanted = status == null ? null : OutboxStatus.valueOf(status.name());
        return outbox.deliveries(wanted, null, limit).stream().map(EscalationOutbox::delivery).toList();
    }

    /** Seals the secrets of deliveries stored in the clear; returns how many it rewrote. */
    int sealStoredSecrets(Connection c) throws SQLException {
        return outbox.rewriteSecrets(c, stored -> stored.startsWith(SecretSeal.PREFIX) ? stored : seal.seal(stored));
    }

    @Override
    public void close() {
        outbox.close();
    }

    private static Delivery delivery(OutboxDelivery d) {
        return new Delivery(d.id(), d.reference(), ActionType.valueOf(d.channel()), d.target(), d.payload(),
                DeliveryStatus.valueOf(d.status().name()), d.attempts(), d.createdAt(), d.notBefore(), d.nextAttemptAt(),
                d.deliveredAt(), d.lastError(), d.log().stream().map(EscalationOutbox::attempt).toList());
    }

    private static DeliveryAttempt attempt(OutboxAttempt a) {
        return new DeliveryAttempt(a.at(), a.statusCode(), a.error(), a.durationMillis());
    }
}
