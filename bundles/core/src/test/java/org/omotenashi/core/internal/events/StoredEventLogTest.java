package org.omotenashi.core.internal.events;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.Before;
import org.junit.Test;
import org.omotenashi.core.db.StorageException;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.events.ConsumerState;
import org.omotenashi.core.events.DomainEvent;
import org.omotenashi.core.events.EventFilter;
import org.omotenashi.core.events.EventReaction;
import org.omotenashi.core.events.EventSubscription;
import org.omotenashi.core.events.LoggedEvent;
import org.omotenashi.core.time.MovableClock;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** The event log on a real (in-memory) Derby, migrated by the core's changelog; the test drives relay and consumers. */
public class StoredEventLogTest {
    private static final Instant START = Instant.parse("2026-05-01T09:00:00Z");

    private final MovableClock clock = MovableClock.fixedAt(START);
    private EmbeddedDataSource dataSource;
    private StoredEventLog log;

    @Before
    public void freshDatabase() throws SQLException {
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:events-" + UUID.randomUUID());
        dataSource.setCreateDatabase("create");
        log = StoredEventLog.forTests(dataSource, clock);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // What a reaction writes: the primary key makes a second handling of one event fail loudly.
            s.executeUpdate("CREATE TABLE REACTED (EVENT_ID VARCHAR(36) PRIMARY KEY, CONSUMER VARCHAR(100))");
        }
    }

    private String append(String topic, Object... keysAndValues) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Transactions.inTransaction(dataSource, c -> log.append(c, topic, properties));
    }

    private static EventReaction recordingAs(String consumer) {
        return (c, e) -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO REACTED (EVENT_ID, CONSUMER) VALUES (?,?)")) {
                s.setString(1, e.id());
                s.setString(2, consumer);
                s.executeUpdate();
            }
        };
    }

    private List<String> reacted(String consumer) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT EVENT_ID FROM REACTED WHERE CONSUMER=?")) {
            s.setString(1, consumer);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
        }
        Collections.sort(ids);
        return ids;
    }

    private static List<String> sorted(String... ids) {
        List<String> list = new ArrayList<>(List.of(ids));
        Collections.sort(list);
        return list;
    }

    @Test
    public void anEventExistsExactlyWhenTheChangeThatRaisedItCommits() {
        try {
            Transactions.inTransaction(dataSource, c -> {
                log.append(c, "omotenashi/promise/KEPT", Map.of("promiseId", "p-1"));
                throw new IllegalStateException("the change is refused");
            });
            fail("the refusal reaches the caller");
        } catch (IllegalStateException expected) {
            // the change and its event are gone together
        }
        assertEquals(0, log.relayNow());
        String kept = append("omotenashi/promise/KEPT", "promiseId", "p-2", "customerId", "c-1");
        assertEquals(1, log.relayNow());
        List<DomainEvent> events = log.list(new EventFilter(null, null, null, 10));
        assertEquals(1, events.size());
        DomainEvent e = events.get(0);
        assertEquals(kept, e.id());
        assertEquals(1, e.position());
        assertEquals("promise", e.source());
        assertEquals("c-1", e.customerId());
        assertEquals(START, e.at());
        assertEquals(1, log.head());
    }

    @Test
    public void propertiesComeBackWithTheJavaTypesTheModuleWrote() {
        Map<String, Object> written = new HashMap<>();
        written.put("text", "Hotel Zon");
        written.put("count", 3);
        written.put("big", 8L);
        written.put("share", 0.25);
        written.put("flag", true);
        written.put("tags", new String[] {"a", "b"});
        written.put("answers", Map.of("recommend", "9", "remarks", "Snel"));
        Transactions.inTransaction(dataSource, c -> log.append(c, "omotenashi/survey/ANSWERED", written));
        log.relayNow();
        Map<String, Object> read = log.list(new EventFilter(null, null, null, 1)).get(0).properties();
        assertEquals("Hotel Zon", read.get("text"));
        assertEquals(Integer.valueOf(3), read.get("count"));
        assertEquals(Long.valueOf(8L), read.get("big"));
        assertEquals(Double.valueOf(0.25), read.get("share"));
        assertEquals(Boolean.TRUE, read.get("flag"));
        assertArrayEquals(new String[] {"a", "b"}, (String[]) read.get("tags"));
        assertEquals(Map.of("recommend", "9", "remarks", "Snel"), read.get("answers"));
    }

    @Test
    public void aPropertyThatIsNoPlainValueIsRefusedWithTheChange() {
        try {
            Transactions.inTransaction(dataSource, c -> log.append(c, "omotenashi/promise/KEPT", Map.of("when", START)));
            fail("an Instant is not a plain event value");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("when"));
        }
    }

    @Test
    public void eventAdminGetsEveryRelayedEventWithTheSamePropertiesAsALoggedEvent() {
        List<Event> posted = new CopyOnWriteArrayList<>();
        log.setEventAdmin(new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                posted.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                posted.add(event);
            }
        });
        append("omotenashi/handover/ACCEPTED", "handoverId", "h-1", "ackTargetBusinessHours", 8L);
        assertTrue("nothing is posted before the relay gives the event its place", posted.isEmpty());
        log.relayNow();
        assertEquals(1, posted.size());
        Event event = posted.get(0);
        assertTrue(event instanceof LoggedEvent);
        assertEquals("omotenashi/handover/ACCEPTED", event.getTopic());
        assertEquals("h-1", event.getProperty("handoverId"));
        assertEquals(8L, event.getProperty("ackTargetBusinessHours"));
        assertEquals(log.list(new EventFilter(null, null, null, 1)).get(0).id(), event.getProperty(LoggedEvent.LOG_ID));
        assertTrue("a copy is known too", LoggedEvent.isLogged(new Event(event.getTopic(),
                java.util.Map.of(LoggedEvent.LOG_ID, event.getProperty(LoggedEvent.LOG_ID)))));
        assertFalse(LoggedEvent.isLogged(new Event("omotenashi/fm/LATE", java.util.Map.of("fmId", "WO-1"))));
    }

    /**
     * The classic outbox bug: numbers given at insert commit out of order, and a reader of "number greater than the
     * last seen" passes over the one that committed late. Here the first transaction writes first and commits last;
     * the relay positions by visibility, so the consumer gets both events, each once.
     */
    @Test
    public void anEventWhoseTransactionCommitsLateIsNotSkipped() throws Exception {
        EventSubscription consumer = log.subscribe("test.late", topic -> true, recordingAs("test.late"));
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (Connection early = dataSource.getConnection()) {
            early.setAutoCommit(false);
            String first = log.append(early, "omotenashi/promise/KEPT", Map.of("promiseId", "p-early"));
            String second = append("omotenashi/promise/KEPT", "promiseId", "p-late");
            // PostgreSQL relays the committed second event now; Derby's relay waits for the first one's row lock.
            Future<Integer> relayed = background.submit(log::relayNow);
            Thread.sleep(200); // let the relay meet the open transaction; correctness does not depend on this pause
            early.commit();
            relayed.get(10, TimeUnit.SECONDS);
            log.relayNow();
            assertEquals(2, consumer.catchUp());
            assertEquals(sorted(first, second), reacted("test.late"));
            assertEquals(0, consumer.catchUp());
            List<Long> positions = log.list(new EventFilter(null, null, null, 10)).stream().map(DomainEvent::position).toList();
            assertEquals(List.of(2L, 1L), positions);
        } finally {
            background.shutdownNow();
            consumer.close();
        }
    }

    @Test
    public void concurrentWritersCommittingInAnyOrderAreEachHandledOnceInGapFreePositions() throws Exception {
        int writers = 4;
        int perWriter = 25;
        EventSubscription consumer = log.subscribe("test.concurrent", topic -> true, recordingAs("test.concurrent"));
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        List<String> written = new CopyOnWriteArrayList<>();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        int n = i;
                        written.add(Transactions.inTransaction(dataSource, c -> {
                            String id = log.append(c, "omotenashi/promise/CREATED", Map.of("promiseId", writer + "-" + n));
                            if ((n + writer) % 3 == 0) {
                                Thread.onSpinWait(); // vary how long the transaction stays open
                            }
                            return id;
                        }));
                    }
                    return null;
                }));
            }
            AtomicInteger reacted = new AtomicInteger();
            Future<?> reader = pool.submit(() -> {
                while (written.size() < writers * perWriter || reacted.get() < writers * perWriter) {
                    log.relayNow();
                    reacted.addAndGet(consumer.catchUp());
                }
                return null;
            });
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
            reader.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            consumer.close();
        }
        assertEquals(sorted(written.toArray(new String[0])), reacted("test.concurrent"));
        List<Long> positions = new ArrayList<>(log.list(new EventFilter(null, null, null, 500)).stream()
                .map(DomainEvent::position).toList());
        Collections.sort(positions);
        for (int i = 0; i < positions.size(); i++) {
            assertEquals("positions have no gaps", i + 1, positions.get(i).longValue());
        }
    }

    @Test
    public void aConsumerSeenForTheFirstTimeStartsAtTheHeadAndOneStoppedCatchesUp() throws SQLException {
        append("omotenashi/promise/KEPT", "promiseId", "before-install");
        log.relayNow();
        EventSubscription survey = log.subscribe("survey.invitations", topic -> topic.endsWith("/KEPT"),
                recordingAs("survey.invitations"));
        assertEquals("what happened before the first start is not news", 0, survey.catchUp());
        String whileRunning = append("omotenashi/promise/KEPT", "promiseId", "p-1");
        log.relayNow();
        assertEquals(1, survey.catchUp());
        survey.close();

        String missed = append("omotenashi/promise/KEPT", "promiseId", "p-2");
        append("omotenashi/promise/CREATED", "promiseId", "p-3");
        String missedToo = append("omotenashi/promise/KEPT", "promiseId", "p-4");
        log.relayNow();
        EventSubscription again = log.subscribe("survey.invitations", topic -> topic.endsWith("/KEPT"),
                recordingAs("survey.invitations"));
        assertEquals(2, again.catchUp());
        assertEquals(sorted(whileRunning, missed, missedToo), reacted("survey.invitations"));
        ConsumerState state = log.consumers().get(0);
        assertEquals(5, state.position());
        assertEquals(0, state.lag());
        assertEquals(3, state.handled());
        assertTrue(state.active());
        again.close();
        assertFalse(log.consumers().get(0).active());
    }

    @Test
    public void aNewConsumerCanBeToldToStartAtTheEarliestEvent() throws SQLException {
        String old = append("omotenashi/promise/KEPT", "promiseId", "p-1");
        log.relayNow();
        StoredEventLog fromStart = new StoredEventLog(dataSource, clock, EventSettings.defaults().startingAtEarliest());
        EventSubscription consumer = fromStart.subscribe("report.all", topic -> true, recordingAs("report.all"));
        assertEquals(1, consumer.catchUp());
        assertEquals(List.of(old), reacted("report.all"));
    }

    @Test
    public void whatAFailingReactionWroteIsRolledBackAndTheEventOfferedAgain() throws SQLException {
        AtomicInteger calls = new AtomicInteger();
        EventReaction flaky = (c, e) -> {
            recordingAs("test.flaky").react(c, e);
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the mail server said no");
            }
        };
        EventSubscription consumer = log.subscribe("test.flaky", topic -> true, flaky);
        String id = append("omotenashi/promise/KEPT", "promiseId", "p-1");
        log.relayNow();
        assertEquals(0, consumer.catchUp());
        assertEquals(List.of(), reacted("test.flaky"));
        assertTrue(log.consumers().get(0).lastError().contains("mail server"));
        // The retry waits a second; a new subscription (as after an update) tries at once.
        consumer.close();
        consumer = log.subscribe("test.flaky", topic -> true, flaky);
        assertEquals(1, consumer.catchUp());
        assertEquals(List.of(id), reacted("test.flaky"));
    }

    @Test
    public void anEventAReactionAlwaysFailsOnIsSetAsideAndTheOthersGoOn() throws SQLException {
        StoredEventLog oneTry = new StoredEventLog(dataSource, clock, EventSettings.defaults().withMaxAttempts(1));
        EventReaction picky = refusingPoison(recordingAs("test.picky"));
        EventSubscription consumer = oneTry.subscribe("test.picky", topic -> true, picky);
        append("omotenashi/promise/KEPT", "promiseId", "poison");
        String fine = append("omotenashi/promise/KEPT", "promiseId", "p-2");
        oneTry.relayNow();
        assertEquals(1, consumer.catchUp());
        assertEquals(List.of(fine), reacted("test.picky"));
        ConsumerState state = oneTry.consumers().get(0);
        assertEquals(1, state.setAside());
        assertEquals(2, state.position());
    }

    @Test
    public void aForgottenConsumerLeavesTheListWithItsSetAsideEventsAndComesBackAsANewOne() throws SQLException {
        StoredEventLog oneTry = new StoredEventLog(dataSource, clock, EventSettings.defaults().withMaxAttempts(1));
        EventReaction picky = refusingPoison((c, e) -> { });
        EventSubscription consumer = oneTry.subscribe("connector.gone.write-back", topic -> true, picky);
        append("omotenashi/promise/KEPT", "promiseId", "poison");
        oneTry.relayNow();
        consumer.catchUp();
        assertEquals(1, oneTry.consumers().get(0).setAside());
        assertFalse("not while it reads", oneTry.forget("connector.gone.write-back"));
        assertEquals(1, oneTry.consumers().size());

        consumer.close();
        assertTrue(oneTry.forget("connector.gone.write-back"));
        assertEquals(List.of(), oneTry.consumers());
        assertEquals(0, count("SELECT COUNT(*) FROM EVENT_SET_ASIDE WHERE CONSUMER='connector.gone.write-back'"));
        assertFalse("forgotten already", oneTry.forget("connector.gone.write-back"));

        append("omotenashi/promise/KEPT", "promiseId", "p-2");
        oneTry.relayNow();
        EventSubscription again = oneTry.subscribe("connector.gone.write-back", topic -> true, picky);
        assertEquals("a new consumer starts at the head", 0, again.catchUp());
        assertEquals(2, oneTry.consumers().get(0).position());
        assertEquals(0, oneTry.consumers().get(0).setAside());
        again.close();
    }

    /** Fails on the event about promise "poison" every time; hands the others to {@code then}. */
    private static EventReaction refusingPoison(EventReaction then) {
        return (c, e) -> {
            if ("poison".equals(e.text("promiseId"))) {
                throw new IllegalArgumentException("cannot read this one");
            }
            then.react(c, e);
        };
    }

    private long count(String sql) {
        return Transactions.read(dataSource, c -> {
            try (Statement statement = c.createStatement(); ResultSet r = statement.executeQuery(sql)) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    @Test
    public void eventsReactedToSeveralATransactionAreEachHandledOnceAndAFailureAmongThemRollsAllBack()
            throws SQLException {
        StoredEventLog oneTry = new StoredEventLog(dataSource, clock, EventSettings.defaults().withMaxAttempts(1));
        EventReaction picky = (c, e) -> {
            recordingAs("test.together").react(c, e);
            if ("poison".equals(e.text("promiseId"))) {
                throw new IllegalArgumentException("cannot read this one");
            }
        };
        EventSubscription consumer = oneTry.subscribe("test.together", topic -> topic.endsWith("/KEPT"), picky, 10);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            kept.add(append("omotenashi/promise/KEPT", "promiseId", "p-" + i));
            append("omotenashi/promise/CREATED", "promiseId", "p-" + i);
        }
        oneTry.relayNow();
        assertEquals(25, consumer.catchUp());
        assertEquals(sorted(kept.toArray(String[]::new)), reacted("test.together"));
        assertEquals(50, oneTry.consumers().get(0).position());

        // A poisoned event among the next ten: what the others wrote with it is rolled back, then each is
        // offered on its own; the poisoned one is set aside, the rest are handled once.
        List<String> next = new ArrayList<>();
        next.add(append("omotenashi/promise/KEPT", "promiseId", "a"));
        append("omotenashi/promise/KEPT", "promiseId", "poison");
        next.add(append("omotenashi/promise/KEPT", "promiseId", "b"));
        oneTry.relayNow();
        consumer.catchUp();
        List<String> all = new ArrayList<>(kept);
        all.addAll(next);
        assertEquals(sorted(all.toArray(String[]::new)), reacted("test.together"));
        assertEquals(1, oneTry.consumers().get(0).setAside());
        assertEquals(53, oneTry.consumers().get(0).position());
    }

    @Test
    public void aReactionWaitingForTheOutsideWorldIsNeverSetAside() throws SQLException {
        StoredEventLog oneTry = new StoredEventLog(dataSource, clock, EventSettings.defaults().withMaxAttempts(1));
        AtomicInteger tries = new AtomicInteger();
        EventSubscription mail = oneTry.subscribe("test.mail", topic -> true, (c, e) -> {
            if (tries.incrementAndGet() <= 3) {
                throw new org.omotenashi.core.events.RetryLater("the mail server does not answer", null);
            }
            recordingAs("test.mail").react(c, e);
        });
        String id = append("omotenashi/survey/INVITED", "invitationId", "i-1");
        oneTry.relayNow();
        assertEquals(0, mail.catchUp());
        assertEquals("still waiting, not set aside", 0, oneTry.consumers().get(0).setAside());
        assertTrue(oneTry.consumers().get(0).lastError().contains("mail server"));
        for (int i = 0; i < 3; i++) {
            mail.close(); // a new subscription tries at once instead of after the pause
            mail = oneTry.subscribe("test.mail", topic -> true, (c, e) -> {
                if (tries.incrementAndGet() <= 3) {
                    throw new org.omotenashi.core.events.RetryLater("the mail server does not answer", null);
                }
                recordingAs("test.mail").react(c, e);
            });
            mail.catchUp();
        }
        assertEquals(List.of(id), reacted("test.mail"));
        assertEquals(null, oneTry.consumers().get(0).lastError());
        mail.close();
    }

    @Test
    public void aConsumerForgottenOnOneNodeWhileAnotherReadsItGoesOnThereFromItsPosition() throws SQLException {
        // Two nodes share the database, each with its own configuration: the connector instance "north" is removed on
        // this node (its consumer is forgotten here) while the other node still has it and reads.
        StoredEventLog otherNode = StoredEventLog.forTests(dataSource, clock);
        EventSubscription there = otherNode.subscribe("connector.north.write-back", topic -> true,
                recordingAs("connector.north.write-back"));
        String before = append("omotenashi/promise/KEPT", "promiseId", "p-1");
        otherNode.relayNow();
        assertEquals(1, there.catchUp());

        assertTrue(log.forget("connector.north.write-back"));
        assertEquals("gone from the list", List.of(), log.consumers());
        String meanwhile = append("omotenashi/promise/KEPT", "promiseId", "p-2");
        otherNode.relayNow();

        assertEquals("the other node passes nothing over", 1, there.catchUp());
        assertEquals(sorted(before, meanwhile), reacted("connector.north.write-back"));
        assertEquals("back in the list where it stands", List.of("connector.north.write-back"),
                log.consumers().stream().map(ConsumerState::consumer).toList());
        assertEquals(2, log.consumers().get(0).position());
        there.close();
    }

    @Test
    public void twoNodesRunningTheSameConsumerHandleEachEventOnce() throws Exception {
        StoredEventLog otherNode = StoredEventLog.forTests(dataSource, clock);
        EventSubscription here = log.subscribe("escalation.rules", topic -> true, recordingAs("escalation.rules"));
        EventSubscription there = otherNode.subscribe("escalation.rules", topic -> true, recordingAs("escalation.rules"));
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            written.add(append("omotenashi/promise/BROKEN", "promiseId", "p-" + i));
        }
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = nodes.submit(() -> {
                int n = 0;
                for (int round = 0; round < 20; round++) {
                    log.relayNow();
                    n += here.catchUp();
                }
                return n;
            });
            Future<Integer> b = nodes.submit(() -> {
                int n = 0;
                for (int round = 0; round < 20; round++) {
                    otherNode.relayNow();
                    n += there.catchUp();
                }
                return n;
            });
            assertEquals(60, a.get(60, TimeUnit.SECONDS) + b.get(60, TimeUnit.SECONDS));
        } finally {
            nodes.shutdownNow();
        }
        assertEquals(sorted(written.toArray(new String[0])), reacted("escalation.rules"));
        assertEquals(60, log.head());
    }

    @Test
    public void eventsOlderThanTheRetentionArePurgedAndAConsumerBehindThemGoesOn() throws SQLException {
        EventSubscription slow = log.subscribe("test.slow", topic -> true, recordingAs("test.slow"));
        append("omotenashi/promise/KEPT", "promiseId", "old");
        log.relayNow();
        clock.advance(Duration.ofDays(31));
        String recent = append("omotenashi/promise/KEPT", "promiseId", "recent");
        log.relayNow();
        assertEquals(1, log.purgeNow());
        assertEquals(1, log.list(new EventFilter(null, null, null, 10)).size());
        assertEquals(1, slow.catchUp());
        assertEquals(List.of(recent), reacted("test.slow"));
    }

    @Test
    public void theListFiltersByTopicAndCustomerNewestFirst() {
        append("omotenashi/promise/KEPT", "customerId", "c-1");
        append("omotenashi/promise/CREATED", "customerId", "c-2");
        append("omotenashi/handover/ACCEPTED", "customerId", "c-1");
        log.relayNow();
        assertEquals(List.of("omotenashi/handover/ACCEPTED", "omotenashi/promise/KEPT"),
                log.list(new EventFilter(null, "c-1", null, 10)).stream().map(DomainEvent::topic).toList());
        assertEquals(List.of("omotenashi/promise/CREATED", "omotenashi/promise/KEPT"),
                log.list(new EventFilter("omotenashi/promise/*", null, null, 10)).stream().map(DomainEvent::topic).toList());
        assertEquals(List.of("omotenashi/promise/KEPT"),
                log.list(new EventFilter("omotenashi/promise/*", null, 2L, 10)).stream().map(DomainEvent::topic).toList());
    }

    @Test
    public void anActionAfterCommitRunsOnlyWhenTheTransactionCommits() {
        List<String> ran = new ArrayList<>();
        Transactions.inTransaction(dataSource, c -> {
            Transactions.afterCommit(() -> ran.add("committed"));
            assertTrue("not before the commit", ran.isEmpty());
            return null;
        });
        try {
            Transactions.inTransaction(dataSource, c -> {
                Transactions.afterCommit(() -> ran.add("rolled back"));
                throw new StorageException(new SQLException("refused"));
            });
        } catch (StorageException expected) {
            // rolled back
        }
        assertEquals(List.of("committed"), ran);
    }
}
