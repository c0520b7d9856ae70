package org.omotenashi.connector.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.junit.Test;
import org.omotenashi.connector.api.ItemOutcome.Outcome;
import org.omotenashi.connector.api.TrackedItem;
import org.omotenashi.connector.spi.ChangeCursor;
import org.omotenashi.connector.spi.WorkItem;
import org.omotenashi.connector.spi.WorkState;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.time.MovableClock;
import org.omotenashi.promises.api.PromiseStatus;
import org.omotenashi.testing.MemoryDatabase;

public class ItemApplierTest {
    private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");
    private static final Instant DUE = NOW.plus(Duration.ofDays(2));
    private static final OwnerMapping OWNERS = new OwnerMapping(Map.of("Facilitair beheer", "team-north"), "facility-desk");

    private final MovableClock clock = MovableClock.fixedAt(NOW);
    private final DataSource db = MemoryDatabase.migrated(ConnectorInstance.CHANGELOG, ConnectorInstance.class);
    private final FakeTracker tracker = new FakeTracker(clock);
    private FakeTracker installed = tracker;
    private final ItemApplier applier = new ItemApplier(db, clock, () -> installed);
    private final ConnectorStore store = new ConnectorStore();

    @Test
    public void aNewOpenItemBecomesOnePromiseAndTheSameChangeAgainChangesNothing() {
        WorkItem item = Items.open("inc-1", NOW, DUE);
        assertEquals(Outcome.CREATED, apply(item, ChangeCursor.after(item)).outcome());
        assertEquals(Outcome.UNCHANGED, apply(item, null).outcome());
        assertEquals(1, tracker.promises.size());
        assertEquals(List.of("CREATED " + tracker.only().id()), tracker.changes);
        TrackedItem tracked = items().get(0);
        assertEquals(TrackedItem.Status.LINKED, tracked.status());
        assertEquals(tracker.only().id(), tracked.promiseId());
        ConnectorStore.Position position = Transactions.read(db, c -> store.position(c, "topdesk"));
        assertEquals(ChangeCursor.after(item), position.cursor());
        assertEquals(2, position.seen());
        assertEquals(1, position.applied());
    }

    @Test
    public void aMovedTargetDateSeenByWebhookAndPollIsOneRenegotiation() {
        WorkItem item = Items.open("inc-1", NOW, DUE);
        apply(item, null);
        WorkItem moved = Items.with(item, WorkState.OPEN, NOW.plusSeconds(60), DUE.plus(Duration.ofDays(1)));
        assertEquals(Outcome.RENEGOTIATED, apply(moved, null).outcome());
        assertEquals(Outcome.UNCHANGED, apply(moved, ChangeCursor.after(moved)).outcome());
        assertEquals("the older change, seen late by the poll, changes nothing",
                Outcome.UNCHANGED, apply(item, null).outcome());
        assertEquals(1, tracker.only().renegotiations().size());
        assertEquals(DUE.plus(Duration.ofDays(1)), tracker.only().dueAt());
    }

    @Test
    public void completedAfterTheTargetDateKeepsItLateOnce() {
        WorkItem item = Items.open("inc-1", NOW, DUE);
        apply(item, null);
        clock.advance(Duration.ofDays(3));
        tracker.sweepNow();
        WorkItem done = Items.with(item, WorkState.COMPLETED, clock.instant(), DUE);
        assertEquals(Outcome.KEPT, apply(done, null).outcome());
        assertEquals(Outcome.UNCHANGED, apply(done, null).outcome());
        assertEquals(PromiseStatus.KEPT_LATE, tracker.only().status());
        assertEquals(1, tracker.changes.stream().filter(c -> c.startsWith("KEPT")).count());
    }

    @Test
    public void cancelledCancelsTheOpenPromise() {
        WorkItem item = Items.open("inc-1", NOW, DUE);
        apply(item, null);
        assertEquals(Outcome.CANCELLED, apply(Items.with(item, WorkState.CANCELLED, NOW.plusSeconds(1), DUE), null).outcome());
        assertEquals(PromiseStatus.CANCELLED, tracker.only().status());
    }

    @Test
    public void anItemWithoutTargetDateWaitsVisiblyUntilItGetsOne() {
        WorkItem item = Items.open("inc-1", NOW, null);
        assertEquals(Outcome.WAITING, apply(item, null).outcome());
        assertTrue(tracker.promises.isEmpty());
        assertEquals(1, Transactions.read(db, c -> store.count(c, "topdesk", TrackedItem.Status.WAITING)).longValue());
        assertEquals(Outcome.CREATED, apply(Items.with(item, WorkState.OPEN, NOW.plusSeconds(5), DUE), null).outcome());
        assertEquals(0, Transactions.read(db, c -> store.count(c, "topdesk", TrackedItem.Status.WAITING)).longValue());
    }

    @Test
    public void anItemAlreadyClosedWhenFirstSeenIsRecordedWithoutPromise() {
        WorkItem done = Items.with(Items.open("inc-1", NOW, DUE), WorkState.COMPLETED, NOW, DUE);
        assertEquals(Outcome.IGNORED, apply(done, null).outcome());
        assertTrue(tracker.promises.isEmpty());
        assertEquals(TrackedItem.Status.IGNORED, items().get(0).status());
    }

    @Test
    public void aRenegotiationTheTrackerRefusesIsRecordedAndPassed() {
        WorkItem item = Items.open("inc-1", NOW, DUE);
        apply(item, null);
        clock.advance(Duration.ofDays(3));
        tracker.sweepNow();
        WorkItem moved = Items.with(item, WorkState.OPEN, clock.instant(), clock.instant().plus(Duration.ofDays(1)));
        ChangeCursor after = ChangeCursor.after(moved);
        assertEquals(Outcome.REFUSED, apply(moved, after).outcome());
        assertEquals(PromiseStatus.BROKEN, tracker.only().status());
        assertNotNull(items().get(0).note());
        assertEquals("a refusal does not hold the cursor back", after,
                Transactions.read(db, c -> store.position(c, "topdesk")).cursor());
    }

    @Test
    public void withoutTheTrackerNothingIsRecordedAndTheCursorStays() {
        installed = null;
        WorkItem item = Items.open("inc-1", NOW, DUE);
        try {
            apply(item, ChangeCursor.after(item));
            fail("applied without a tracker");
        } catch (Unavailable expected) {
            assertTrue(expected.getMessage().contains("not installed"));
        }
        assertTrue(items().isEmpty());
        assertEquals(ChangeCursor.START, Transactions.read(db, c -> store.position(c, "topdesk")).cursor());
    }

    @Test
    public void aCrashBetweenMakingThePromiseAndRecordingItMakesNoSecondPromise() {
        WorkItem item = Items.open("inc-1", NOW, DUE);
        // the tracker makes the promise, then the database fails before the connector records it
        tracker.failNext = null;
        DataSource failing = new FailingAfterMake(db, tracker);
        ItemApplier crashing = new ItemApplier(failing, clock, () -> tracker);
        try {
            crashing.apply(item, "topdesk", "TOPdesk", OWNERS, ChangeCursor.after(item));
            fail("the recording should have failed");
        } catch (Unavailable expected) {
            // as after a crash
        }
        assertEquals(1, tracker.promises.size());
        assertEquals(ChangeCursor.START, Transactions.read(db, c -> store.position(c, "topdesk")).cursor());
        WorkItem changedMeanwhile = Items.with(item, WorkState.OPEN, NOW.plusSeconds(30), DUE.plus(Duration.ofHours(5)));
        assertEquals(Outcome.CREATED, apply(changedMeanwhile, ChangeCursor.after(changedMeanwhile)).outcome());
        assertEquals("the retry got the same promise back", 1, tracker.promises.size());
        assertEquals("and moved it to the date the item has now", DUE.plus(Duration.ofHours(5)), tracker.only().dueAt());
        assertEquals(tracker.only().id(), items().get(0).promiseId());
        assertNull(Transactions.read(db, c -> store.find(c, "topdesk", "inc-1")).orElseThrow().intent());
    }

    @Test
    public void aPromiseDueBeforeItCouldHaveBeenMadeIsRefusedAndWaits() {
        WorkItem late = new WorkItem("topdesk", "inc-9", "I 9", "Old", null, null, null, NOW.minusSeconds(60), false,
                WorkState.OPEN, null, NOW, null);
        assertEquals(Outcome.REFUSED, apply(late, null).outcome());
        assertEquals(TrackedItem.Status.WAITING, items().get(0).status());
        assertTrue(tracker.promises.isEmpty());
    }

    private org.omotenashi.connector.api.ItemOutcome apply(WorkItem item, ChangeCursor advance) {
        return applier.apply(item, "topdesk", "TOPdesk", OWNERS, advance);
    }

    private List<TrackedItem> items() {
        return Transactions.read(db, c -> store.list(c, "topdesk", null, 10)).stream().map(ItemRecord::tracked).toList();
    }

    /** A database that refuses every write once the tracker has made its first promise. */
    private static final class FailingAfterMake extends org.apache.derby.jdbc.EmbeddedDataSource {
        private static final long serialVersionUID = 1L;
        private final transient DataSource real;
        private final transient FakeTracker tracker;

        FailingAfterMake(DataSource real, FakeTracker tracker) {
            this.real = real;
            this.tracker = tracker;
        }

        @Override
        public java.sql.Connection getConnection() throws java.sql.SQLException {
            if (!tracker.promises.isEmpty()) {
                throw new java.sql.SQLException("disk full");
            }
            return real.getConnection();
        }
    }
}
