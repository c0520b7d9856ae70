package org.omotenashi.connector.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

import org.junit.After;
import org.junit.Test;
import org.omotenashi.connector.api.WriteBack;
import org.omotenashi.connector.api.WriteBackPage;
import org.omotenashi.connector.spi.FacilitySystemException;
import org.omotenashi.connector.spi.StatusNote;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.events.DomainEvent;
import org.omotenashi.core.outbox.RetryPolicy;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.query.PageCursor;
import org.omotenashi.core.time.MovableClock;
import org.omotenashi.promises.api.PromiseTopics;
import org.omotenashi.testing.MemoryDatabase;

/** From the promise tracker's durable events to notes on the outbox, and from there through the adapter. */
public class WriteBackTest {
    private static final Instant NOW = Instant.parse("2026-11-05T10:00:00Z");

    private final MovableClock clock = MovableClock.fixedAt(NOW);
    private final DataSource db = MemoryDatabase.empty("write-back");
    private final WriteBackOutbox outbox = new WriteBackOutbox(db, clock, "topdesk");
    private final AtomicReference<InstanceSettings> settings = new AtomicReference<>(settings("topdesk", true));
    private final WriteBackConsumer consumer = new WriteBackConsumer(settings::get, outbox);
    private final FakeSystem topdesk = new FakeSystem();
    private WriteBackChannel.Writer writer = topdesk::writeBack;

    @After
    public void close() {
        outbox.close();
    }

    @Test
    public void keptKeptLateBrokenAndRenegotiatedPromisesOfTheInstanceAreEachQueuedOnce() {
        int position = 0;
        for (String topic : List.of(PromiseTopics.KEPT, PromiseTopics.KEPT_LATE, PromiseTopics.BROKEN,
                PromiseTopics.RENEGOTIATED)) {
            assertTrue(topic, WriteBackConsumer.wants(topic));
            react(event("evt-" + ++position, topic, "topdesk", "inc-" + position));
        }
        List<WriteBack> log = outbox.log(null, 50);
        assertEquals(4, log.size());
        assertEquals(4, outbox.backlog());
        WriteBack kept = log.stream().filter(w -> w.change().equals("KEPT_LATE")).findFirst().orElseThrow();
        assertEquals("evt-2", kept.id());
        assertEquals("inc-2", kept.externalId());
        assertEquals("p-1", kept.promiseId());
        assertEquals(WriteBack.Status.PENDING, kept.status());
        assertEquals(0, kept.attempts());
    }

    @Test
    public void otherChangesOtherInstancesPromisesWithoutOriginAndWriteBackOffQueueNothing() {
        for (String topic : List.of(PromiseTopics.CREATED, PromiseTopics.CANCELLED)) {
            assertFalse(topic, WriteBackConsumer.wants(topic));
        }
        react(event("evt-1", PromiseTopics.KEPT, "maximo", "wo-1"));
        react(event("evt-2", PromiseTopics.KEPT, null, null));
        settings.set(settings("topdesk", false));
        react(event("evt-3", PromiseTopics.KEPT_LATE, "topdesk", "inc-1"));
        assertEquals(List.of(), outbox.log(null, 50));
        assertEquals(0, outbox.backlog());
    }

    @Test
    public void anEventOfferedAgainQueuesNoSecondNote() {
        DomainEvent kept = event("evt-1", PromiseTopics.KEPT_LATE, "topdesk", "inc-1");
        react(kept);
        react(kept);
        assertEquals(1, outbox.backlog());
    }

    @Test
    public void aReactionRolledBackWithItsPositionQueuesNothing() {
        try {
            Transactions.inTransaction(db, c -> {
                consumer.react(c, event("evt-1", PromiseTopics.KEPT_LATE, "topdesk", "inc-1"));
                throw new ProblemException(503, "Service unavailable", "the position could not be moved");
            });
        } catch (ProblemException expected) {
            // the log offers the event again later
        }
        assertEquals(0, outbox.backlog());
    }

    @Test
    public void theLogIsReadPageByPageAndATamperedCursorIsRefused() {
        for (int i = 1; i <= 3; i++) {
            react(event("evt-" + i, PromiseTopics.KEPT, "topdesk", "inc-" + i));
            clock.advance(Duration.ofSeconds(1));
        }
        WriteBackPage first = outbox.log(null, null, 2);
        assertEquals(List.of("evt-3", "evt-2"), first.items().stream().map(WriteBack::id).toList());
        WriteBackPage second = outbox.log(null, first.next(), 2);
        assertEquals(List.of("evt-1"), second.items().stream().map(WriteBack::id).toList());
        assertNull("a page that is not full is the last", second.next());
        try {
            outbox.log(null, "bm90LWEtY3Vyc29y", 2);
            fail("a cursor the log did not hand out");
        } catch (ProblemException e) {
            assertEquals(400, e.status());
        }
        String anotherInstances = PageCursor.encodeFor("write-backs:" + WriteBackOutbox.owner("maximo"), "0", "msg_1");
        try {
            outbox.log(null, anotherInstances, 2);
            fail("a cursor another instance's log handed out");
        } catch (ProblemException e) {
            assertEquals("cursor", e.errors().get(0).field());
        }
    }

    @Test
    public void aQueuedNoteIsWrittenOnceAndNotAgain() {
        deliverWith(Duration.ofSeconds(5));
        react(event("evt-1", PromiseTopics.KEPT_LATE, "topdesk", "inc-1"));
        assertEquals(1, outbox.deliverNow());
        assertEquals(1, topdesk.notes.size());
        StatusNote written = topdesk.notes.get(0);
        assertEquals("inc-1", written.externalId());
        assertEquals("p-1", written.promiseId());
        assertEquals("KEPT_LATE", written.change());
        assertTrue(written.text(), written.text().endsWith("[omotenashi:evt-1]"));
        assertFalse(written.retry());
        WriteBack delivered = outbox.log(null, 50).get(0);
        assertEquals(WriteBack.Status.DELIVERED, delivered.status());
        assertEquals(1, delivered.attempts());
        assertNull(delivered.nextAttemptAt());
        clock.advance(Duration.ofHours(1));
        assertEquals(0, outbox.deliverNow());
        assertEquals(1, topdesk.notes.size());
        assertEquals(0, outbox.backlog());
    }

    @Test
    public void aSystemThatIsDownIsRetriedAfterTheBackOffAsARetry() {
        deliverWith(Duration.ofSeconds(5));
        react(event("evt-1", PromiseTopics.RENEGOTIATED, "topdesk", "inc-1"));
        topdesk.failures = 1;
        outbox.deliverNow();
        WriteBack waiting = outbox.log(null, 50).get(0);
        assertEquals(WriteBack.Status.PENDING, waiting.status());
        assertEquals("HTTP 503 Service Unavailable", waiting.lastError());
        assertEquals(NOW.plusSeconds(5), waiting.nextAttemptAt());
        assertEquals(0, outbox.deliverNow());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(1, outbox.deliverNow());
        assertEquals(1, topdesk.notes.size());
        assertTrue("the second attempt looks for the first one's note", topdesk.notes.get(0).retry());
        assertEquals(WriteBack.Status.DELIVERED, outbox.log(null, 50).get(0).status());
    }

    @Test
    public void aNoteTheSystemRefusesForGoodFailsAtOnceAndAStoppedAdapterIsRetried() {
        deliverWith(Duration.ofSeconds(5));
        writer = note -> {
            throw FacilitySystemException.forStatus("TOPdesk (the action on incident inc-1)", 422, "action too long");
        };
        react(event("evt-1", PromiseTopics.BROKEN, "topdesk", "inc-1"));
        outbox.deliverNow();
        assertEquals(1, outbox.failed());
        assertEquals(WriteBack.Status.FAILED, outbox.log(WriteBack.Status.FAILED, 50).get(0).status());

        writer = note -> {
            throw FacilitySystemException.forStatus("TOPdesk (the action on incident inc-2)", 401, null);
        };
        react(event("evt-2", PromiseTopics.KEPT, "topdesk", "inc-2"));
        outbox.deliverNow();
        writer = note -> {
            throw new Unavailable("connector topdesk is STOPPED: no adapter for type 'topdesk' is installed", null);
        };
        react(event("evt-3", PromiseTopics.KEPT, "topdesk", "inc-3"));
        outbox.deliverNow();
        assertEquals("refused credentials and a missing adapter can be cured: retried", 2, outbox.backlog());
        assertEquals(1, outbox.failed());
        writer = topdesk::writeBack;
        clock.advance(Duration.ofSeconds(5));
        assertEquals(2, outbox.deliverNow());
        assertEquals(0, outbox.backlog());
        assertEquals(2, topdesk.notes.size());
    }

    private void deliverWith(Duration retryBase) {
        // Delivered on demand only (deliverNow), never on a schedule of its own.
        outbox.deliverWith(new WriteBackChannel(note -> writer.write(note)),
                new RetryPolicy(retryBase, Duration.ofMinutes(30), Duration.ofDays(3), Duration.ofMinutes(1)));
    }

    private void react(DomainEvent event) {
        if (!WriteBackConsumer.wants(event.topic())) {
            return;
        }
        Transactions.inTransaction(db, c -> {
            consumer.react(c, event);
            return null;
        });
    }

    private static InstanceSettings settings(String name, boolean writeBack) {
        return InstanceSettingsTest.read(Map.of("type", "topdesk", "baseUrl", "https://example.topdesk.net",
                "writeBack", Boolean.toString(writeBack)), "etc/org.omotenashi.connector-" + name + ".cfg", null);
    }

    private static DomainEvent event(String id, String topic, String originType, String originRef) {
        Map<String, Object> p = new HashMap<>();
        p.put(PromiseTopics.PROMISE_ID, "p-1");
        p.put(PromiseTopics.DUE_AT, "2026-11-04T16:00:00Z");
        p.put(PromiseTopics.STATUS, topic.substring(PromiseTopics.PREFIX.length()));
        if (originType != null) {
            p.put(PromiseTopics.ORIGIN_TYPE, originType);
            p.put(PromiseTopics.ORIGIN_REF, originRef);
        }
        return new DomainEvent(id, 1, topic, "promise", "c-1", NOW, p);
    }
}
