package org.omotenashi.promises.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.omotenashi.core.db.Migrations;
import org.omotenashi.core.model.Page;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.time.MovableClock;
import org.omotenashi.promises.api.Channel;
import org.omotenashi.promises.api.Contact;
import org.omotenashi.promises.api.MadePromise;
import org.omotenashi.promises.api.NewPromise;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseAction;
import org.omotenashi.promises.api.PromiseChange;
import org.omotenashi.promises.api.PromiseFigures;
import org.omotenashi.promises.api.PromiseTracker;
import org.omotenashi.promises.api.PromiseQuery;
import org.omotenashi.promises.api.PromiseStats;
import org.omotenashi.promises.api.PromiseStatus;
import org.omotenashi.promises.api.PromiseTopics;
import org.omotenashi.promises.api.StatsGroup;
import org.omotenashi.promises.api.SweepResult;
import org.omotenashi.testing.MemoryDatabase;
import org.omotenashi.testing.RecordedEvents;
import org.osgi.service.event.Event;

/** The tracker on a real (in-memory) Derby, migrated by the real changelog, with a clock the test moves. */
public class StoredPromiseTrackerTest {
    private static final Instant START = Instant.parse("2026-05-01T09:00:00Z");

    private final MovableClock clock = MovableClock.fixedAt(START);
    private RecordedEvents eventAdmin;
    private EmbeddedDataSource dataSource;
    private StoredPromiseTracker tracker;

    @Before
    public void freshDatabase() {
        dataSource = MemoryDatabase.migrated(StoredPromiseTracker.CHANGELOG, StoredPromiseTracker.class);
        eventAdmin = new RecordedEvents(dataSource, clock);
        tracker = new StoredPromiseTracker(dataSource, clock, new PromiseEvents(eventAdmin.log()), Duration.ofHours(24));
    }

    @After
    public void stopSweeps() {
        tracker.deactivate();
    }

    private NewPromise promise(String customer, String owner, Duration dueIn) {
        return new NewPromise(customer, "Hotel " + customer, "Replace the broken door closer", "Before Friday's event",
                "sales-anna", owner, Channel.PHONE, null, null, START.plus(dueIn), null);
    }

    private Promise make(String customer, String owner, Duration dueIn) {
        return tracker.make(promise(customer, owner, dueIn), null, "anna").promise();
    }

    private int rows(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    @Test
    public void migratingTwiceRunsEachStepOnce() throws SQLException {
        Migrations.apply(dataSource, StoredPromiseTracker.CHANGELOG, StoredPromiseTracker.class);
        assertEquals(1, rows("SELECT COUNT(*) FROM DATABASECHANGELOG WHERE ID='promises-1'"));
    }

    @Test
    public void aNewPromiseIsOpenStoredAndAnnounced() {
        Promise p = make("c1", "team-north", Duration.ofDays(3));
        assertEquals(PromiseStatus.OPEN, p.status());
        assertEquals(START, p.madeAt());
        assertEquals(p, tracker.find(p.id()).orElseThrow());
        assertEquals(1, eventAdmin.count(PromiseTopics.CREATED));
        assertEquals(p.id(), eventAdmin.events().get(0).getProperty(PromiseTopics.PROMISE_ID));
        assertEquals(p.dueAt().toString(), eventAdmin.events().get(0).getProperty(PromiseTopics.DUE_AT));
    }

    @Test
    public void thePersonAPromiseWasMadeToIsStoredAndTravelsOnItsEvents() {
        NewPromise request = promise("c1", "team-north", Duration.ofDays(3));
        Contact joost = new Contact("Joost de Vries", "joost@example.org", "+31 20 555 0101", "nl");
        Promise p = tracker.make(new NewPromise(request.customerId(), request.customerName(), request.description(),
                request.expectation(), request.promisedBy(), request.owner(), request.channel(), null, null,
                request.dueAt(), null, joost), null, "anna").promise();
        assertEquals(joost, tracker.find(p.id()).orElseThrow().contact());
        tracker.keep(p.id(), "WO-991 closed", null, "bert");
        Event kept = eventAdmin.events().get(1);
        assertEquals(PromiseTopics.KEPT, kept.getTopic());
        assertEquals("joost@example.org", kept.getProperty(PromiseTopics.CONTACT_EMAIL));
        assertEquals("nl", kept.getProperty(PromiseTopics.LANGUAGE));
        assertEquals("bert", kept.getProperty(PromiseTopics.BY));
    }

    @Test
    public void everyChangeRecordsWhoMadeItAndWhyInTheHistoryAndOnItsEvent() {
        Promise p = make("c1", "team-north", Duration.ofDays(3));
        tracker.renegotiate(p.id(), START.plus(Duration.ofDays(5)), "customer away", null, "anna");
        tracker.reassign(p.id(), "team-south", "north is on leave", null, "desk-lead");
        Promise cancelled = tracker.cancel(p.id(), "customer withdrew", null, "bert");
        List<PromiseChange> history = cancelled.history();
        assertEquals(List.of(PromiseAction.MADE, PromiseAction.RENEGOTIATED, PromiseAction.REASSIGNED,
                PromiseAction.CANCELLED), history.stream().map(PromiseChange::action).toList());
        assertEquals(List.of("sales-anna", "anna", "desk-lead", "bert"), history.stream().map(PromiseChange::by).toList());
        assertEquals("north is on leave", history.get(2).reason());
        assertEquals("team-south", history.get(2).details().get("owner"));
        assertEquals(START.plus(Duration.ofDays(5)).toString(), history.get(1).details().get("newDueAt"));
        assertEquals(history, tracker.find(p.id()).orElseThrow().history());
        Event reassigned = eventAdmin.events().get(2);
        assertEquals(PromiseTopics.REASSIGNED, reassigned.getTopic());
        assertEquals("desk-lead", reassigned.getProperty(PromiseTopics.BY));
        assertEquals("north is on leave", reassigned.getProperty(PromiseTopics.REASON));
        assertEquals("customer withdrew", eventAdmin.events().get(3).getProperty(PromiseTopics.REASON));
    }

    @Test
    public void aRefusedChangeLeavesNeitherHistoryNorEvent() throws SQLException {
        Promise p = make("c1", "t", Duration.ofDays(1));
        tracker.keep(p.id(), null, null, "anna");
        try {
            tracker.cancel(p.id(), "too late", null, "anna");
            fail("a kept promise stays kept");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
        }
        assertEquals(2, rows("SELECT COUNT(*) FROM PROMISE_HISTORY"));
        assertEquals(List.of(PromiseTopics.CREATED, PromiseTopics.KEPT), eventAdmin.topics());
    }

    @Test
    public void aBrokenPromiseShowsInItsHistoryWithoutAPerson() {
        Promise p = make("c1", "t", Duration.ofHours(1));
        clock.advance(Duration.ofHours(2));
        tracker.sweep();
        PromiseChange broke = tracker.find(p.id()).orElseThrow().history().get(1);
        assertEquals(PromiseAction.BROKEN, broke.action());
        assertNull(broke.by());
    }

    @Test
    public void importedPromisesHaveAHistoryButRaiseNoEvents() throws SQLException {
        tracker.importAll(List.of(promise("c1", "t", Duration.ofDays(1)), promise("c2", "t", Duration.ofDays(2))), "migration");
        assertEquals(2, rows("SELECT COUNT(*) FROM PROMISE_HISTORY WHERE ACTION='MADE'"));
        assertEquals(List.of(), eventAdmin.topics());
    }

    @Test
    public void ownerDefaultsToWhoeverPromised() {
        assertEquals("sales-anna", make("c1", null, Duration.ofDays(1)).owner());
    }

    @Test
    public void theSameIdempotencyKeyAndBodyNeverMakeASecondPromise() throws SQLException {
        MadePromise first = tracker.make(promise("c1", "t", Duration.ofDays(1)), "key-1", "anna");
        MadePromise again = tracker.make(promise("c1", "t", Duration.ofDays(1)), "key-1", "anna");
        assertFalse(first.replayed());
        assertTrue(again.replayed());
        assertEquals(first.promise().id(), again.promise().id());
        assertEquals(1, rows("SELECT COUNT(*) FROM PROMISE"));
        assertEquals(1, eventAdmin.count(PromiseTopics.CREATED));
    }

    @Test
    public void theSameKeyWithADifferentBodyIsAConflictAndStoresNothing() throws SQLException {
        tracker.make(promise("c1", "t", Duration.ofDays(1)), "key-1", "anna");
        try {
            tracker.make(promise("c2", "t", Duration.ofDays(1)), "key-1", "anna");
            fail("a reused key must be refused");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
        }
        assertEquals(1, rows("SELECT COUNT(*) FROM PROMISE"));
    }

    @Test
    public void keysAreKeptPerCaller() throws SQLException {
        tracker.make(promise("c1", "t", Duration.ofDays(1)), "key-1", "anna");
        tracker.make(promise("c1", "t", Duration.ofDays(1)), "key-1", "bert");
        assertEquals(2, rows("SELECT COUNT(*) FROM PROMISE"));
    }

    @Test
    public void aStaleVersionIsRefusedAndChangesNothing() {
        Promise p = make("c1", "t", Duration.ofDays(1));
        tracker.keep(p.id(), "done", p.version(), "anna");
        try {
            tracker.cancel(p.id(), "oops", p.version(), "anna");
            fail("a stale If-Match must be refused");
        } catch (ProblemException e) {
            assertEquals(412, e.status());
        }
        assertEquals(PromiseStatus.KEPT, tracker.find(p.id()).orElseThrow().status());
    }

    @Test
    public void reassigningChangesTheOwnerAndIsAnnounced() {
        Promise p = make("c1", "team-north", Duration.ofDays(1));
        Promise moved = tracker.reassign(p.id(), "team-escalations", "level 2", p.version(), "rules");
        assertEquals("team-escalations", moved.owner());
        assertEquals("team-escalations", tracker.find(p.id()).orElseThrow().owner());
        assertEquals(1, eventAdmin.count(PromiseTopics.REASSIGNED));
    }

    @Test
    public void anUnknownIdIsNotFound() {
        try {
            tracker.keep("nope", null, null, "anna");
            fail();
        } catch (ProblemException e) {
            assertEquals(404, e.status());
        }
    }

    @Test
    public void theSweepBreaksAPromiseOnlyAfterItsDueDate() {
        Promise p = make("c1", "t", Duration.ofHours(30));
        clock.advance(Duration.ofHours(30));
        assertEquals(0, tracker.sweep().broken());
        assertEquals(PromiseStatus.OPEN, tracker.find(p.id()).orElseThrow().status());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, tracker.sweep().broken());
        Promise broken = tracker.find(p.id()).orElseThrow();
        assertEquals(PromiseStatus.BROKEN, broken.status());
        assertEquals(clock.instant(), broken.brokenAt());
        assertEquals(1, eventAdmin.count(PromiseTopics.BROKEN));
        assertEquals(0, tracker.sweep().broken());
        assertEquals(1, eventAdmin.count(PromiseTopics.BROKEN));
    }

    @Test
    public void dueSoonIsRaisedOnceInsideTheWindow() {
        make("c1", "t", Duration.ofHours(30));
        assertEquals(0, tracker.sweep().dueSoon());
        clock.advance(Duration.ofHours(7));
        assertEquals(1, tracker.sweep().dueSoon());
        assertEquals(0, tracker.sweep().dueSoon());
        assertEquals(1, eventAdmin.count(PromiseTopics.DUE_SOON));
    }

    @Test
    public void renegotiatingArmsDueSoonAgainForTheNewDate() {
        Promise p = make("c1", "t", Duration.ofHours(10));
        assertEquals(1, tracker.sweep().dueSoon());
        tracker.renegotiate(p.id(), START.plus(Duration.ofDays(5)), "customer away", null, "anna");
        assertEquals(0, tracker.sweep().dueSoon());
        clock.advance(Duration.ofDays(4).plusHours(1));
        assertEquals(1, tracker.sweep().dueSoon());
        assertEquals(2, eventAdmin.count(PromiseTopics.DUE_SOON));
    }

    @Test
    public void theSweepWorksThroughMoreThanOneBatch() {
        List<NewPromise> many = new ArrayList<>();
        for (int i = 0; i < StoredPromiseTracker.SWEEP_BATCH + 7; i++) {
            many.add(promise("c" + i, "t", Duration.ofHours(1)));
        }
        tracker.importAll(many, "migration");
        clock.advance(Duration.ofHours(2));
        SweepResult result = tracker.sweep();
        assertEquals(StoredPromiseTracker.SWEEP_BATCH + 7, result.broken());
    }

    @Test
    public void keptOnTimeRateCountsRenegotiatedApartAndLeavesCancelledOut() {
        Promise onTime = make("c1", "north", Duration.ofHours(5));
        Promise renegotiated = make("c1", "north", Duration.ofHours(5));
        Promise late = make("c2", "north", Duration.ofHours(5));
        Promise cancelled = make("c2", "south", Duration.ofHours(5));
        Promise broken = make("c3", "south", Duration.ofHours(5));
        tracker.keep(onTime.id(), null, null, "a");
        tracker.renegotiate(renegotiated.id(), START.plus(Duration.ofHours(8)), "agreed", null, "a");
        tracker.cancel(cancelled.id(), "withdrawn", null, "a");
        clock.advance(Duration.ofHours(6));
        tracker.sweep();
        tracker.keep(late.id(), null, null, "a");
        tracker.keep(renegotiated.id(), null, null, "a");
        assertEquals(PromiseStatus.BROKEN, tracker.find(broken.id()).orElseThrow().status());

        PromiseStats stats = tracker.stats(StatsGroup.OWNER, START, START.plus(Duration.ofDays(1)));
        PromiseFigures all = stats.overall();
        assertEquals(2, all.kept());
        assertEquals(1, all.keptLate());
        assertEquals(1, all.broken());
        assertEquals(1, all.cancelled());
        assertEquals(1, all.renegotiated());
        assertEquals(0.5, all.keptOnTimeRate(), 1e-9);
        PromiseFigures north = stats.groups().get(0);
        assertEquals("north", north.key());
        assertEquals(2.0 / 3, north.keptOnTimeRate(), 1e-9);
        PromiseFigures south = stats.groups().get(1);
        assertEquals(0.0, south.keptOnTimeRate(), 1e-9);
    }

    @Test
    public void figuresPerCustomerComeAPageAtATimeAndEachCustomerOnce() {
        List<NewPromise> many = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            many.add(promise("c" + i, "north", Duration.ofHours(5)));
            many.add(promise("c" + i, "south", Duration.ofHours(6)));
        }
        tracker.importAll(many, "migration");
        Instant to = START.plus(Duration.ofDays(1));
        PromiseStats whole = tracker.stats(StatsGroup.CUSTOMER, START, to);
        assertEquals(7, whole.groups().size());
        assertNull(whole.next());
        List<PromiseFigures> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            PromiseStats page = tracker.stats(StatsGroup.CUSTOMER, START, to, 3, cursor);
            assertTrue(page.groups().size() <= 3);
            assertEquals(whole.overall(), page.overall());
            paged.addAll(page.groups());
            cursor = page.next();
            assertTrue("more pages than groups", ++pages <= 7);
        } while (cursor != null);
        assertEquals(whole.groups(), paged);
        assertEquals(3, pages);
        assertEquals(2, paged.get(0).open());

        String ownersCursor = tracker.stats(StatsGroup.OWNER, START, to, 1, null).next();
        assertNotNull(ownersCursor);
        ProblemException wrongGrouping = assertThrows(ProblemException.class,
                () -> tracker.stats(StatsGroup.CUSTOMER, START, to, 3, ownersCursor));
        assertEquals("cursor", wrongGrouping.errors().get(0).field());
        assertEquals(400, assertThrows(ProblemException.class,
                () -> tracker.stats(StatsGroup.CUSTOMER, START, to, PromiseTracker.MAX_STATS_GROUPS + 1, null)).status());
    }

    @Test
    public void theRateIsAbsentWhenNothingCameDue() {
        assertNull(tracker.stats(StatsGroup.NONE, START, START.plusSeconds(60)).overall().keptOnTimeRate());
    }

    @Test
    public void pagesFollowTheDueDateWithoutGapsOrRepeats() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            made.add(make("c1", "t", Duration.ofHours(10 - i)).id());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Promise> page = tracker.list(new PromiseQuery(null, "c1", null, null, null, 3, cursor));
            page.items().forEach(p -> seen.add(p.id()));
            cursor = page.next();
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(7, seen.size());
        List<String> expected = new ArrayList<>(made);
        java.util.Collections.reverse(expected);
        assertEquals(expected, seen);
    }

    @Test
    public void aTamperedCursorIsABadRequest() {
        try {
            tracker.list(new PromiseQuery(null, null, null, null, null, 3, "not-a-cursor"));
            fail();
        } catch (ProblemException e) {
            assertEquals(400, e.status());
        }
    }

    @Test
    public void anImportIsAllOrNothing() throws SQLException {
        List<NewPromise> batch = List.of(promise("c1", "t", Duration.ofDays(1)),
                new NewPromise("c2", null, "x", null, "anna", null, Channel.EMAIL, null, START, START.minusSeconds(1), null));
        try {
            tracker.importAll(batch, "migration");
            fail();
        } catch (ProblemException e) {
            assertEquals(400, e.status());
        }
        assertEquals(0, rows("SELECT COUNT(*) FROM PROMISE"));
        assertNotEquals(0, rows("SELECT COUNT(*) FROM DATABASECHANGELOG"));
    }
}
