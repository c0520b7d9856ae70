package org.omotenashi.promises.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.Before;
import org.junit.Test;
import org.omotenashi.core.customer.ContactHold;
import org.omotenashi.core.customer.TimelineEntry;
import org.omotenashi.core.customer.TimelineQuery;
import org.omotenashi.core.time.MovableClock;
import org.omotenashi.promises.api.Channel;
import org.omotenashi.promises.api.NewPromise;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.testing.MemoryDatabase;
import org.omotenashi.testing.RecordedEvents;

/** The promise tracker's entries on a customer's timeline, its summary section and its contact-budget hold. */
public class PromiseJourneyTest {
    private static final Instant START = Instant.parse("2026-05-01T09:00:00Z");

    private final MovableClock clock = MovableClock.fixedAt(START);
    private StoredPromiseTracker tracker;
    private PromiseJourney journey;

    @Before
    public void freshDatabase() {
        EmbeddedDataSource dataSource = MemoryDatabase.migrated(StoredPromiseTracker.CHANGELOG, StoredPromiseTracker.class);
        tracker = new StoredPromiseTracker(dataSource, clock, new PromiseEvents(new RecordedEvents(dataSource, clock).log()),
                Duration.ofHours(24));
        journey = new PromiseJourney(dataSource);
    }

    private Promise make(String customer, String description, Duration dueIn) {
        return tracker.make(new NewPromise(customer, null, description, null, "anna", "team-north", Channel.PHONE, null,
                null, clock.instant().plus(dueIn), null), null, "anna").promise();
    }

    private List<TimelineEntry> page(Set<String> kinds, Instant beforeAt, long beforeSeq, int limit) {
        return journey.timeline(new TimelineQuery("c-1", null, null, kinds, beforeAt, beforeSeq, limit));
    }

    @Test
    public void everyStepOfTheCustomersPromisesIsOnTheTimelineNewestFirstWithWhoAndWhy() {
        Promise lift = make("c-1", "Repair the lift", Duration.ofDays(3));
        make("c-2", "Someone else's promise", Duration.ofDays(3));
        clock.advance(Duration.ofHours(1));
        Promise glass = make("c-1", "Clean the glass", Duration.ofDays(2));
        clock.advance(Duration.ofHours(1));
        tracker.keep(lift.id(), "WO-991", null, "bert");
        tracker.cancel(glass.id(), "customer withdrew", null, "anna");

        List<TimelineEntry> all = page(Set.of(), null, 0, 10);
        assertEquals(List.of("promise.cancelled", "promise.kept", "promise.made", "promise.made"),
                all.stream().map(TimelineEntry::type).toList());
        assertEquals("anna", all.get(0).by());
        assertEquals("customer withdrew", all.get(0).reason());
        assertEquals("/api/v1/promises/" + glass.id(), all.get(0).record().href());
        assertTrue(all.get(1).summary().contains("Repair the lift"));
        assertEquals("WO-991", all.get(1).details().get("evidence"));

        TimelineEntry second = all.get(1);
        List<TimelineEntry> rest = page(Set.of(), second.at(), Long.parseLong(second.id().split(":")[1]), 10);
        assertEquals(all.subList(2, 4), rest);
        assertEquals(List.of("promise.made", "promise.made"),
                page(Set.of("MADE"), null, 0, 10).stream().map(TimelineEntry::type).toList());
    }

    @Test
    public void theSummaryCountsOpenPromisesAndTheKeptOnTimeRateOfNinetyDays() {
        Promise kept = make("c-1", "Kept", Duration.ofHours(2));
        make("c-1", "Breaks", Duration.ofHours(2));
        make("c-1", "Still open", Duration.ofDays(5));
        tracker.keep(kept.id(), null, null, "bert");
        clock.advance(Duration.ofHours(3));
        tracker.sweep();
        Map<String, Object> summary = journey.summary("c-1", clock.instant());
        assertEquals(1L, summary.get("open"));
        assertEquals(1L, summary.get("brokenAndOpen"));
        assertEquals(0.5, summary.get("keptOnTimeRate"));
    }

    @Test
    public void aRecentlyBrokenPromiseHoldsTheCustomerBack() {
        make("c-1", "Breaks", Duration.ofHours(1));
        clock.advance(Duration.ofHours(2));
        tracker.sweep();
        List<ContactHold> holds = journey.holds("c-1", START);
        assertEquals(1, holds.size());
        assertEquals(ContactHold.BROKEN_PROMISE, holds.get(0).kind());
        assertEquals(List.of(), journey.holds("c-1", clock.instant().plusSeconds(1)));
        assertEquals(List.of(), journey.holds("c-2", START));
    }
}
