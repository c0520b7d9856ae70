package org.omotenashi.escalation.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.omotenashi.core.outbox.RetryPolicy;
import org.omotenashi.escalation.api.ActionType;
import org.omotenashi.escalation.api.Delivery;
import org.omotenashi.escalation.api.DeliveryStatus;

/** The outbox against a real HTTP receiver, with the clock moved instead of waiting. */
public class OutboxTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String BROKEN = "omotenashi/promise/BROKEN";

    private WebhookReceiver receiver;

    @Before
    public void startReceiver() throws Exception {
        receiver = new WebhookReceiver(SECRET);
    }

    @After
    public void stopReceiver() {
        receiver.close();
    }

    /** The module's outbox with only the webhook channel, run by the test instead of a schedule. */
    private static EscalationOutbox outbox(EscalationFixture f) {
        EscalationOutbox outbox = f.storage.outbox();
        outbox.deliverWith(Map.of(ActionType.WEBHOOK, new WebhookChannel(f.clock, Duration.ofSeconds(5), true)),
                new RetryPolicy(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(72), Duration.ofMinutes(1)));
        return outbox;
    }

    private EscalationFixture firedAt(Instant start, boolean businessHoursOnly) {
        EscalationFixture f = new EscalationFixture(start);
        f.rule("{'name':'Hook','trigger':'" + BROKEN + "','businessHoursOnly':" + businessHoursOnly
                + ",'actions':[{'type':'WEBHOOK','url':'" + receiver.url() + "','secret':'" + SECRET + "'}]}");
        f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-1", "c-1"));
        return f;
    }

    private static Delivery only(EscalationFixture f) {
        List<Delivery> all = f.escalations.deliveries(null, 10);
        assertEquals(1, all.size());
        return all.get(0);
    }

    @Test
    public void aWebhookArrivesSignedWithItsDeliveryIdAndIsLoggedAsDelivered() {
        EscalationFixture f = firedAt(EscalationFixture.FRIDAY_10, false);
        assertEquals(1, outbox(f).deliverNow());
        Delivery d = only(f);
        assertEquals(DeliveryStatus.DELIVERED, d.status());
        assertEquals(1, receiver.accepted().size());
        WebhookReceiver.Received r = receiver.accepted().get(0);
        assertEquals(d.id(), r.id());
        assertTrue(r.signatureValid());
        assertTrue(r.body().contains("\"type\":\"escalation.opened\""));
        assertEquals(Integer.valueOf(204), d.attemptLog().get(0).statusCode());
    }

    @Test
    public void aReceiverDownForAnHourGetsTheDeliveryOnceAfterwardsWithTheSameId() {
        EscalationFixture f = firedAt(EscalationFixture.FRIDAY_10, false);
        EscalationOutbox outbox = outbox(f);
        receiver.up = false;
        Instant downUntil = EscalationFixture.FRIDAY_10.plus(Duration.ofHours(1));
        while (f.clock.instant().isBefore(downUntil)) {
            outbox.deliverNow();
            f.clock.setOffset(Duration.between(EscalationFixture.FRIDAY_10, only(f).nextAttemptAt()));
        }
        int failedAttempts = only(f).attempts();
        assertTrue("attempts while down: " + failedAttempts, failedAttempts >= 5 && failedAttempts <= 12);
        receiver.up = true;
        outbox.deliverNow();
        f.clock.advance(Duration.ofHours(2));
        outbox.deliverNow();
        Delivery d = only(f);
        assertEquals(DeliveryStatus.DELIVERED, d.status());
        assertEquals(1, receiver.accepted().size());
        assertTrue(receiver.received.stream().allMatch(r -> r.id().equals(d.id()) && r.signatureValid()));
        assertEquals(failedAttempts + 1, d.attemptLog().size());
        assertEquals(Integer.valueOf(503), d.attemptLog().get(0).statusCode());
    }

    @Test
    public void theWaitBetweenFailedAttemptsDoubles() {
        EscalationFixture f = firedAt(EscalationFixture.FRIDAY_10, false);
        EscalationOutbox outbox = outbox(f);
        receiver.up = false;
        outbox.deliverNow();
        assertEquals(EscalationFixture.FRIDAY_10.plusSeconds(5), only(f).nextAttemptAt());
        assertEquals(0, outbox.deliverNow());
        f.clock.advance(Duration.ofSeconds(5));
        outbox.deliverNow();
        assertEquals(EscalationFixture.FRIDAY_10.plusSeconds(15), only(f).nextAttemptAt());
    }

    @Test
    public void aDeliveryStillFailingAfterTheGiveUpAgeIsFailedAndKept() {
        EscalationFixture f = firedAt(EscalationFixture.FRIDAY_10, false);
        EscalationOutbox outbox = outbox(f);
        receiver.up = false;
        outbox.deliverNow();
        f.clock.advance(Duration.ofHours(73));
        outbox.deliverNow();
        Delivery d = only(f);
        assertEquals(DeliveryStatus.FAILED, d.status());
        assertEquals(2, d.attemptLog().size());
    }

    @Test
    public void aBusinessHoursOnlyWebhookFromSaturdayIsSentOnMondayAtNine() {
        EscalationFixture f = firedAt(EscalationFixture.SATURDAY_11, true);
        EscalationOutbox outbox = outbox(f);
        assertEquals(0, outbox.deliverNow());
        f.clock.setOffset(Duration.between(EscalationFixture.SATURDAY_11, EscalationFixture.MONDAY_09).minusSeconds(1));
        assertEquals(0, outbox.deliverNow());
        f.clock.advance(Duration.ofSeconds(1));
        assertEquals(1, outbox.deliverNow());
        assertEquals(1, receiver.accepted().size());
        assertEquals(EscalationFixture.MONDAY_09.getEpochSecond(), receiver.accepted().get(0).timestamp());
    }

    @Test
    public void pendingDeliveriesAreSentByTheNextWorkerAfterARestart() {
        EscalationFixture f = firedAt(EscalationFixture.FRIDAY_10, false);
        receiver.up = false;
        outbox(f).deliverNow();
        receiver.up = true;
        f.clock.advance(Duration.ofSeconds(5));
        // A new worker over the same database, as after a container restart or a bundle update.
        EscalationFixture again = f;
        EscalationOutbox next = new EscalationOutbox(again.dataSource, again.clock, again.seal);
        next.deliverWith(Map.of(ActionType.WEBHOOK, new WebhookChannel(f.clock, Duration.ofSeconds(5), true)),
                new RetryPolicy(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(72), Duration.ofMinutes(1)));
        try {
            assertEquals(1, next.deliverNow());
        } finally {
            next.close();
        }
        assertEquals(DeliveryStatus.DELIVERED, only(f).status());
        assertEquals(1, receiver.accepted().size());
    }
}
