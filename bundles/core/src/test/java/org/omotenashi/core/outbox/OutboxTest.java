package org.omotenashi.core.outbox;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.omotenashi.core.db.Sql;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.time.MovableClock;

/** The durable outbox on a real (in-memory) Derby, with a channel the test controls and the clock moved instead of waiting. */
public class OutboxTest {
    private static final Instant START = Instant.parse("2026-05-01T08:00:00Z");
    private static final RetryPolicy POLICY = new RetryPolicy(Duration.ofSeconds(5), Duration.ofHours(1),
            Duration.ofHours(72), Duration.ofMinutes(1));

    private final MovableClock clock = MovableClock.fixedAt(START);
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<String> secretsSeen = new CopyOnWriteArrayList<>();
    private EmbeddedDataSource dataSource;
    private Outbox outbox;
    private boolean receiverUp = true;

    /** Accepts while the receiver is up, answers 503 while it is down. */
    private final OutboxChannel channel = (delivery, secret) -> {
        secretsSeen.add(secret);
        if (!receiverUp) {
            return SendResult.failed(503, "HTTP 503");
        }
        sent.add(delivery.id());
        return SendResult.ok(204);
    };

    @Before
    public void openOutbox() {
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:outbox-" + UUID.randomUUID());
        dataSource.setCreateDatabase("create");
        outbox = open("tickets", channel);
    }

    @After
    public void closeOutbox() {
        outbox.close();
    }

    private Outbox open(String owner, OutboxChannel hook) {
        // No schedule: the test runs the outbox when it wants to.
        Outbox opened = new Outbox(dataSource, clock, owner);
        opened.deliverWith(Map.of("HOOK", hook), POLICY);
        return opened;
    }

    private String enqueue(Outbox into, String reference, Instant notBefore, String secret) {
        return Transactions.inTransaction(dataSource, c -> into.enqueue(c,
                new OutboxMessage("HOOK", reference, "https://fm.example.org/hook", "{\"n\":1}", notBefore, secret)));
    }

    private OutboxDelivery only() {
        List<OutboxDelivery> all = outbox.deliveries(null, null, 10);
        assertEquals(1, all.size());
        return all.get(0);
    }

    @Test
    public void aDeliveryIsSentOnlyWhenTheChangeThatEnqueuedItCommits() {
        assertThrows(ProblemException.class, () -> Transactions.inTransaction(dataSource, c -> {
            outbox.enqueue(c, new OutboxMessage("HOOK", "t-1", "https://fm.example.org/hook", "{}", null, null));
            throw ProblemException.conflict("the change was refused");
        }));
        assertEquals(0, outbox.deliverNow());
        assertTrue(outbox.deliveries(null, null, 10).isEmpty());
        String id = enqueue(outbox, "t-2", null, null);
        assertEquals(1, outbox.deliverNow());
        assertEquals(List.of(id), sent);
        OutboxDelivery d = only();
        assertEquals(OutboxStatus.DELIVERED, d.status());
        assertEquals("t-2", d.reference());
        assertEquals(Integer.valueOf(204), d.log().get(0).statusCode());
        assertEquals(START, d.deliveredAt());
    }

    @Test
    public void theWaitBetweenFailedAttemptsDoublesAndTheLogKeepsEachAttempt() {
        enqueue(outbox, "t-1", null, null);
        receiverUp = false;
        outbox.deliverNow();
        assertEquals(START.plusSeconds(5), only().nextAttemptAt());
        assertEquals(0, outbox.deliverNow());
        clock.advance(Duration.ofSeconds(5));
        outbox.deliverNow();
        assertEquals(START.plusSeconds(15), only().nextAttemptAt());
        receiverUp = true;
        clock.advance(Duration.ofSeconds(10));
        outbox.deliverNow();
        OutboxDelivery d = only();
        assertEquals(OutboxStatus.DELIVERED, d.status());
        assertEquals(3, d.attempts());
        assertEquals(List.of(503, 503, 204), d.log().stream().map(OutboxAttempt::statusCode).toList());
    }

    @Test
    public void aDeliveryStillFailingAfterTheGiveUpAgeIsFailedAndKept() {
        enqueue(outbox, "t-1", null, null);
        receiverUp = false;
        outbox.deliverNow();
        clock.advance(Duration.ofHours(73));
        outbox.deliverNow();
        OutboxDelivery d = only();
        assertEquals(OutboxStatus.FAILED, d.status());
        assertEquals(2, d.log().size());
        clock.advance(Duration.ofHours(1));
        assertEquals(0, outbox.deliverNow());
    }

    @Test
    public void finishedDeliveriesAreDeletedWithTheirAttemptsOnceTheyWereKeptLongEnough() {
        Outbox other = open("other", channel);
        try {
            outbox.keepFinishedFor(Duration.ofDays(7));
            String delivered = enqueue(outbox, "t-1", null, null);
            String othersDelivered = enqueue(other, "o-1", null, null);
            outbox.deliverNow();
            other.deliverNow();
            receiverUp = false;
            String givenUp = enqueue(outbox, "t-2", null, null);
            outbox.deliverNow();
            clock.advance(Duration.ofHours(73));
            outbox.deliverNow();
            String waiting = enqueue(outbox, "t-3", START.plus(Duration.ofDays(60)), null);
            assertEquals(OutboxStatus.FAILED, outbox.deliveries(OutboxStatus.FAILED, null, 10).get(0).status());

            // Seven days and an hour after the first delivery: only that one is older than kept.
            clock.advance(Duration.ofDays(7).minus(Duration.ofHours(72)));
            outbox.deliverNow();
            assertEquals(List.of(waiting, givenUp), ids(outbox));
            assertEquals(0, attemptsStored(delivered));
            assertEquals(2, attemptsStored(givenUp));
            // Another owner's outbox deletes its own, in its own runs.
            assertEquals(List.of(othersDelivered), ids(other));

            // Seven days after it was given up; the one that waits for its time is never deleted.
            clock.advance(Duration.ofHours(73));
            outbox.deliverNow();
            assertEquals(List.of(waiting), ids(outbox));
            assertEquals(0, attemptsStored(givenUp));
            // The other owner said nothing: its deliveries are kept 30 days.
            other.deliverNow();
            assertEquals(List.of(othersDelivered), ids(other));
            clock.setOffset(Outbox.KEPT_BY_DEFAULT.plusSeconds(1));
            other.deliverNow();
            assertEquals(List.of(), ids(other));
        } finally {
            other.close();
        }
    }

    @Test
    public void finishedDeliveriesAreKeptForAPositiveTime() {
        assertThrows(IllegalArgumentException.class, () -> outbox.keepFinishedFor(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> outbox.keepFinishedFor(Duration.ofDays(-1)));
    }

    private List<String> ids(Outbox of) {
        return of.deliveries(null, null, 10).stream().map(OutboxDelivery::id).toList();
    }

    private long attemptsStored(String deliveryId) {
        return Transactions.read(dataSource, c -> Sql.one(c, "SELECT COUNT(*) FROM OUTBOX_ATTEMPT WHERE DELIVERY_ID=?",
                r -> r.getLong(1), deliveryId).orElse(0L));
    }

    @Test
    public void aRefusalNoRetryCanCureFailsAtOnceAndAThrownExceptionIsRetried() {
        Outbox refusing = open("refusing", (d, s) -> SendResult.refused("409 the promise is kept"));
        Outbox throwing = open("throwing", (d, s) -> {
            throw new IllegalStateException("connection reset");
        });
        try {
            enqueue(refusing, "p-1", null, null);
            enqueue(throwing, "p-2", null, null);
            refusing.deliverNow();
            throwing.deliverNow();
            OutboxDelivery refused = refusing.deliveries(null, null, 10).get(0);
            assertEquals(OutboxStatus.FAILED, refused.status());
            assertEquals("409 the promise is kept", refused.lastError());
            OutboxDelivery thrown = throwing.deliveries(null, null, 10).get(0);
            assertEquals(OutboxStatus.PENDING, thrown.status());
            assertEquals("IllegalStateException: connection reset", thrown.lastError());
            assertEquals("each owner counts only its own rows", 1, refusing.count(OutboxStatus.FAILED));
            assertTrue(Transactions.read(dataSource, c -> refusing.holds(c, "p-1")));
            assertFalse("each owner sees only its own rows", Transactions.read(dataSource, c -> refusing.holds(c, "p-2")));
            assertEquals(0, refusing.count(OutboxStatus.PENDING));
            assertEquals(1, throwing.count(OutboxStatus.PENDING));
            assertEquals(0, throwing.count(OutboxStatus.FAILED));
        } finally {
            refusing.close();
            throwing.close();
        }
    }

    @Test
    public void theLogIsReadPageByPageNewestFirstWithoutGapsOrRepeats() {
        List<String> enqueued = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            enqueued.add(0, enqueue(outbox, "t-" + i, null, null));
            if (i % 2 == 1) {
                clock.advance(Duration.ofSeconds(1));
            }
        }
        List<String> read = new java.util.ArrayList<>();
        List<OutboxDelivery> page = outbox.deliveries(null, null, null, null, 2);
        while (!page.isEmpty()) {
            page.forEach(d -> read.add(d.id()));
            OutboxDelivery last = page.get(page.size() - 1);
            page = outbox.deliveries(null, null, last.createdAt(), last.id(), 2);
        }
        assertEquals(5, read.size());
        assertEquals(5, new java.util.HashSet<>(read).size());
        assertEquals(new java.util.HashSet<>(enqueued), new java.util.HashSet<>(read));
        List<OutboxDelivery> all = outbox.deliveries(null, null, 10);
        assertEquals(all.stream().map(OutboxDelivery::id).toList(), read);
    }

    @Test
    public void aChannelNobodyProvidesIsAFailureNotALostMessage() {
        Transactions.inTransaction(dataSource, c -> outbox.enqueue(c,
                new OutboxMessage("SMS", "t-1", "+31 6 0000", "hello", null, null)));
        outbox.deliverNow();
        assertEquals(OutboxStatus.FAILED, only().status());
        assertEquals("no channel delivers SMS", only().lastError());
    }

    @Test
    public void nothingIsSentBeforeItsTime() {
        enqueue(outbox, "t-1", START.plus(Duration.ofHours(2)), null);
        assertEquals(0, outbox.deliverNow());
        clock.advance(Duration.ofHours(2));
        assertEquals(1, outbox.deliverNow());
    }

    @Test
    public void eachOwnerSendsOnlyItsOwnRowsAndSeesOnlyItsOwnLog() {
        List<String> other = new ArrayList<>();
        Outbox escalations = open("escalation", (d, s) -> {
            other.add(d.id());
            return SendResult.ok(200);
        });
        try {
            String mine = enqueue(outbox, "t-1", null, null);
            String theirs = enqueue(escalations, "e-1", null, null);
            assertEquals(1, outbox.deliverNow());
            assertEquals(List.of(mine), sent);
            assertEquals(1, escalations.deliverNow());
            assertEquals(List.of(theirs), other);
            assertEquals(List.of("tickets"), outbox.deliveries(null, null, 10).stream().map(OutboxDelivery::owner).toList());
        } finally {
            escalations.close();
        }
    }

    @Test
    public void aSecondWorkerOverTheSameDatabaseNeverSendsARowTheFirstHasClaimed() {
        Outbox second = open("tickets", channel);
        try {
            enqueue(outbox, "t-1", null, null);
            receiverUp = false;
            assertEquals(1, outbox.deliverNow());
            // Both see the row due again after the back-off; the first to claim it sends it, the other finds it taken.
            clock.advance(Duration.ofSeconds(5));
            receiverUp = true;
            assertEquals(1, second.deliverNow());
            assertEquals(0, outbox.deliverNow());
            assertEquals(1, sent.size());
        } finally {
            second.close();
        }
    }

    @Test
    public void theSecretReachesTheChannelAsStoredIsNeverListedAndCanBeRewritten() {
        enqueue(outbox, "t-1", null, "sealed:abc");
        assertFalse(only().toString().contains("sealed:abc"));
        int rewritten = Transactions.inTransaction(dataSource,
                c -> outbox.rewriteSecrets(c, s -> s.startsWith("sealed:") ? s.replace("sealed:", "sealed2:") : s));
        assertEquals(1, rewritten);
        assertEquals(0, (int) Transactions.inTransaction(dataSource, c -> outbox.rewriteSecrets(c, s -> s)));
        outbox.deliverNow();
        assertEquals(List.of("sealed2:abc"), secretsSeen);
    }

    @Test
    public void pendingDeliveriesAreSentByTheNextOutboxAfterARestart() {
        enqueue(outbox, "t-1", null, null);
        receiverUp = false;
        outbox.deliverNow();
        outbox.close();
        receiverUp = true;
        clock.advance(Duration.ofSeconds(5));
        outbox = open("tickets", channel);
        assertEquals(1, outbox.deliverNow());
        assertEquals(OutboxStatus.DELIVERED, only().status());
        assertNull(only().lastError());
    }

    @Test
    public void aScheduledOutboxSendsWithoutBeingAsked() throws Exception {
        String id = enqueue(outbox, "t-1", null, null);
        outbox.deliverEvery(Duration.ofMillis(10));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sent.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of(id), sent);
    }

    @Test
    public void anOutboxWithoutChannelsRefusesToRunRatherThanDropRows() {
        Outbox unconfigured = new Outbox(dataSource, clock, "later");
        try {
            IllegalStateException refused = assertThrows(IllegalStateException.class, unconfigured::deliverNow);
            assertTrue(refused.getMessage(), refused.getMessage().contains("no channels"));
        } finally {
            unconfigured.close();
        }
    }
}
