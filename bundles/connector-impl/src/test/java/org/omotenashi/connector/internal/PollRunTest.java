package org.omotenashi.connector.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;

import org.junit.Test;
import org.omotenashi.connector.api.SyncResult;
import org.omotenashi.connector.spi.ChangeCursor;
import org.omotenashi.connector.spi.WorkItem;
import org.omotenashi.connector.spi.WorkState;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.time.MovableClock;
import org.omotenashi.testing.MemoryDatabase;

public class PollRunTest {
    private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");
    private static final Instant DUE = NOW.plus(Duration.ofDays(2));
    private static final OwnerMapping OWNERS = new OwnerMapping(Map.of(), "facility-desk");

    private final MovableClock clock = MovableClock.fixedAt(NOW);
    private final DataSource db = MemoryDatabase.migrated(ConnectorInstance.CHANGELOG, ConnectorInstance.class);
    private final FakeTracker tracker = new FakeTracker(clock);
    private final PollRun polls = new PollRun(db, clock, new ItemApplier(db, clock, () -> tracker));
    private final FakeSystem system = new FakeSystem();

    @Test
    public void aPollPagesThroughEverythingChangedAndLeavesTheCursorAfterTheLast() {
        for (int i = 0; i < 25; i++) {
            system.put(Items.open(String.format("inc-%02d", i), NOW.minusSeconds(100 - i / 2), DUE));
        }
        SyncResult result = polls.run("topdesk", system, OWNERS, 10, 1000);
        assertTrue(result.complete());
        assertNull(result.error());
        assertEquals(25, result.seen());
        assertEquals(25, result.applied());
        assertEquals(25, tracker.promises.size());
        assertEquals(3, system.pagesServed);
        assertEquals(ChangeCursor.after(system.items.get("inc-24")), cursor());
        assertEquals("nothing new: nothing applied", 0, polls.run("topdesk", system, OWNERS, 10, 1000).seen());
    }

    @Test
    public void aFailingSystemStopsThePollWhereItWasAndTheNextPollCatchesUpWithoutDuplicates() {
        for (int i = 0; i < 15; i++) {
            system.put(Items.open(String.format("inc-%02d", i), NOW.minusSeconds(100 - i), DUE));
        }
        system.failures = 0;
        SyncResult first = polls.run("topdesk", system, OWNERS, 10, 1000);
        assertTrue(first.complete());
        for (int i = 15; i < 30; i++) {
            system.put(Items.open(String.format("inc-%02d", i), NOW.minusSeconds(50 - i), DUE));
        }
        system.failures = 3;
        SyncResult down = polls.run("topdesk", system, OWNERS, 10, 1000);
        assertFalse(down.complete());
        assertTrue(down.error(), down.error().contains("503"));
        assertEquals(ChangeCursor.after(system.items.get("inc-14")), cursor());
        polls.run("topdesk", system, OWNERS, 10, 1000);
        polls.run("topdesk", system, OWNERS, 10, 1000);
        SyncResult back = polls.run("topdesk", system, OWNERS, 10, 1000);
        assertTrue(back.complete());
        assertEquals(15, back.seen());
        assertEquals(30, tracker.promises.size());
        assertEquals(ChangeCursor.after(system.items.get("inc-29")), cursor());
    }

    @Test
    public void aFailureInTheMiddleOfAPageKeepsWhatWasAppliedAndTheCursorJustBeforeTheFailedItem() {
        for (int i = 0; i < 8; i++) {
            system.put(Items.open(String.format("inc-%02d", i), NOW.minusSeconds(100 - i), DUE));
        }
        tracker.failCall = 4;
        SyncResult broken = polls.run("topdesk", system, OWNERS, 10, 1000);
        assertFalse(broken.complete());
        assertTrue(broken.error(), broken.error().contains("disk full"));
        assertEquals(3, broken.seen());
        assertEquals(ChangeCursor.after(system.items.get("inc-02")), cursor());
        assertEquals(3, tracker.promises.size());
        SyncResult again = polls.run("topdesk", system, OWNERS, 10, 1000);
        assertTrue(again.complete());
        assertEquals(5, again.seen());
        assertEquals(8, tracker.promises.size());
    }

    @Test
    public void theTrackerMissingHoldsTheCursorBeforeTheItem() {
        WorkItem item = Items.open("inc-1", NOW, DUE);
        system.put(item);
        PollRun withoutTracker = new PollRun(db, clock, new ItemApplier(db, clock, () -> null));
        SyncResult result = withoutTracker.run("topdesk", system, OWNERS, 10, 1000);
        assertFalse(result.complete());
        assertTrue(result.error().contains("not installed"));
        assertEquals(ChangeCursor.START, cursor());
        assertTrue(polls.run("topdesk", system, OWNERS, 10, 1000).complete());
        assertEquals(1, tracker.promises.size());
    }

    @Test
    public void aLongCatchUpPausesAfterItsTurnAndGoesOnFromThere() {
        for (int i = 0; i < 30; i++) {
            system.put(Items.open(String.format("inc-%02d", i), NOW.minusSeconds(100 - i), DUE));
        }
        SyncResult turn = polls.run("topdesk", system, OWNERS, 10, 10);
        assertFalse(turn.complete());
        assertNull(turn.error());
        assertEquals(10, turn.seen());
        assertEquals(20, polls.run("topdesk", system, OWNERS, 10, 100).seen());
    }

    @Test
    public void aChangeToAnAppliedItemIsAppliedWhenThePollReachesIt() {
        WorkItem item = Items.open("inc-1", NOW.minusSeconds(10), DUE);
        system.put(item);
        polls.run("topdesk", system, OWNERS, 10, 1000);
        system.put(Items.with(item, WorkState.COMPLETED, NOW, DUE));
        SyncResult result = polls.run("topdesk", system, OWNERS, 10, 1000);
        assertEquals(1, result.applied());
        assertEquals(org.omotenashi.promises.api.PromiseStatus.KEPT, tracker.only().status());
    }

    private ChangeCursor cursor() {
        return Transactions.read(db, c -> new ConnectorStore().position(c, "topdesk")).cursor();
    }
}
