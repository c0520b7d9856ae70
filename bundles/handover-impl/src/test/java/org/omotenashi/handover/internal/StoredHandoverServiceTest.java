package org.omotenashi.handover.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.Before;
import org.junit.Test;
import org.omotenashi.core.db.Migrations;
import org.omotenashi.core.model.Page;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.time.MovableClock;
import org.omotenashi.handover.api.ChecklistItem;
import org.omotenashi.handover.api.Contact;
import org.omotenashi.handover.api.HandedPromise;
import org.omotenashi.handover.api.Handover;
import org.omotenashi.handover.api.HandoverDraft;
import org.omotenashi.handover.api.HandoverQuery;
import org.omotenashi.handover.api.HandoverStats;
import org.omotenashi.handover.api.HandoverStatus;
import org.omotenashi.handover.api.HandoverTopics;
import org.omotenashi.handover.api.Importance;
import org.omotenashi.handover.api.PendingHandover;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseStatus;
import org.omotenashi.testing.MemoryDatabase;
import org.omotenashi.testing.OfficeHours;
import org.omotenashi.testing.RecordedEvents;
import org.osgi.service.event.Event;

/** The service on a real (in-memory) Derby, migrated by the real changelog, with a clock the test moves. */
public class StoredHandoverServiceTest {
    /** A Monday, 10:00 UTC. */
    private static final Instant MONDAY_10 = Instant.parse("2026-05-04T10:00:00Z");

    private final MovableClock clock = MovableClock.fixedAt(MONDAY_10);
    private RecordedEvents eventAdmin;
    private final InMemoryPromiseTracker promiseTracker = new InMemoryPromiseTracker();
    private volatile InMemoryPromiseTracker installedTracker;
    private EmbeddedDataSource dataSource;
    private StoredHandoverService service;

    @Before
    public void freshDatabase() {
        dataSource = MemoryDatabase.migrated(StoredHandoverService.CHANGELOG, StoredHandoverService.class);
        installedTracker = promiseTracker;
        eventAdmin = new RecordedEvents(dataSource, clock);
        service = new StoredHandoverService(dataSource, clock, OfficeHours.in(ZoneOffset.UTC, LocalDate.parse("2026-05-05")),
                new HandoverEvents(eventAdmin.log()), () -> installedTracker, HandoverSettings.DEFAULTS);
    }

    private Handover accepted(String dealRef) {
        Handover h = service.create(HandoverRulesTest.complete(dealRef), "anna");
        service.submit(h.id(), null, null, "anna");
        service.acknowledge(h.id(), null, "sam");
        return service.accept(h.id(), null, "sam");
    }

    private int rows(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    @Test
    public void migratingTwiceRunsEachStepOnce() throws SQLException {
        Migrations.apply(dataSource, StoredHandoverService.CHANGELOG, StoredHandoverService.class);
        assertEquals(1, rows("SELECT COUNT(*) FROM DATABASECHANGELOG WHERE ID='handover-1'"));
    }

    @Test
    public void aHandoverIsStoredWithEverythingSalesKnows() {
        Handover created = service.create(HandoverRulesTest.complete("D-1"), "anna");
        Handover read = service.find(created.id()).orElseThrow();
        assertEquals(created, read);
        assertEquals("Joost", read.contacts().get(0).name());
        assertEquals(Importance.MUST, read.expectations().get(0).importance());
        assertEquals("Service entrance at the back", read.notes().access());
        assertEquals(LocalDate.parse("2026-06-01"), read.contractStart());
    }

    @Test
    public void theFullLifecycleIsKeptAsHistoryWithEvents() {
        Handover h = service.create(HandoverRulesTest.complete("D-1"), "anna");
        service.submit(h.id(), null, 1L, "anna");
        service.returnToSales(h.id(), List.of("Which entrance?"), 2L, "sam");
        service.update(h.id(), HandoverRulesTest.complete("D-1"), 3L, "anna");
        service.submit(h.id(), "The back entrance", 4L, "anna");
        service.acknowledge(h.id(), 5L, "sam");
        Handover accepted = service.accept(h.id(), 6L, "sam");

        assertEquals(HandoverStatus.ACCEPTED, accepted.status());
        assertEquals(List.of(HandoverStatus.DRAFT, HandoverStatus.SUBMITTED, HandoverStatus.RETURNED,
                        HandoverStatus.SUBMITTED, HandoverStatus.ACKNOWLEDGED, HandoverStatus.ACCEPTED),
                accepted.history().stream().map(t -> t.to()).toList());
        assertEquals(2, eventAdmin.count(HandoverTopics.SUBMITTED));
        assertEquals(1, eventAdmin.count(HandoverTopics.RETURNED));
        assertEquals(1, eventAdmin.count(HandoverTopics.ACKNOWLEDGED));
        assertEquals(1, eventAdmin.count(HandoverTopics.ACCEPTED));
        List<Event> events = eventAdmin.events();
        Event acceptedEvent = events.get(events.size() - 1);
        assertEquals(h.id(), acceptedEvent.getProperty(HandoverTopics.HANDOVER_ID));
        assertEquals("facility-north", acceptedEvent.getProperty(HandoverTopics.SERVICE_TEAM));
        assertEquals("sam", acceptedEvent.getProperty(HandoverTopics.BY));
    }

    @Test
    public void anIncompleteSubmitIsRefusedAndChangesNothing() {
        Handover h = service.create(new HandoverDraft("D-1", "C-1", null, null, "facility-north", null, null, null,
                null, null), "anna");
        try {
            service.submit(h.id(), null, null, "anna");
            fail("an incomplete handover was submitted");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
            assertEquals(List.of("contacts", "expectations", "contractStart"),
                    e.errors().stream().map(f -> f.field()).toList());
        }
        assertEquals(h, service.find(h.id()).orElseThrow());
        assertEquals(List.of("contacts", "expectations", "contractStart"), service.missing(h.id()));
        assertEquals(0, eventAdmin.count(HandoverTopics.SUBMITTED));
    }

    @Test
    public void aConfiguredChecklistReplacesTheDefault() {
        service.setSettings(new HandoverSettings(Set.of(ChecklistItem.PROMISES), Duration.ofHours(8)));
        Handover h = service.create(new HandoverDraft("D-1", "C-1", null, null, null, null, null, null, null, null),
                "anna");
        assertEquals(List.of("promises"), service.missing(h.id()));
    }

    @Test
    public void aStaleVersionIsRefusedWith412() {
        Handover h = service.create(HandoverRulesTest.complete("D-1"), "anna");
        service.update(h.id(), HandoverRulesTest.complete("D-1"), 1L, "anna");
        try {
            service.update(h.id(), HandoverRulesTest.complete("D-1"), 1L, "anna");
            fail("a stale update was applied");
        } catch (ProblemException e) {
            assertEquals(412, e.status());
        }
    }

    @Test
    public void aSecondHandoverForTheSameDealIsAConflict() {
        service.create(HandoverRulesTest.complete("D-1"), "anna");
        try {
            service.create(HandoverRulesTest.complete("D-1"), "bert");
            fail("two handovers for one deal");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
        }
    }

    @Test
    public void editingReplacesThePromisesOfADraft() {
        Handover h = service.create(HandoverRulesTest.complete("D-1"), "anna");
        HandoverDraft two = new HandoverDraft("D-1", "C-1", null, null, "facility-north", null, List.of(), List.of(),
                List.of(new HandedPromise("a", MONDAY_10.plusSeconds(3600), null),
                        new HandedPromise("b", MONDAY_10.plusSeconds(7200), null)), null);
        Handover edited = service.update(h.id(), two, null, "anna");
        assertEquals(List.of("a", "b"), service.find(h.id()).orElseThrow().promises().stream()
                .map(HandedPromise::description).toList());
        assertEquals(2, edited.version());
    }

    @Test
    public void listingPagesNewestFirstAndFilters() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            service.create(HandoverRulesTest.complete("D-" + i), "anna");
            clock.advance(Duration.ofMinutes(1));
        }
        Handover submitted = service.list(new HandoverQuery(null, null, null, 1, null)).items().get(0);
        assertEquals("D-4", submitted.dealRef());
        service.submit(submitted.id(), null, null, "anna");
        String cursor = null;
        int pages = 0;
        do {
            Page<Handover> page = service.list(new HandoverQuery(null, "facility-north", "C-1", 2, cursor));
            page.items().forEach(h -> seen.add(h.dealRef()));
            cursor = page.next();
            pages++;
        } while (cursor != null);
        assertEquals(5, seen.size());
        assertEquals(3, pages);
        assertEquals(List.of("D-4"), service.list(new HandoverQuery(HandoverStatus.SUBMITTED, null, null, 10, null))
                .items().stream().map(Handover::dealRef).toList());
    }

    @Test
    public void ackOverdueIsRaisedOnceWhenTheBusinessHoursHavePassed() {
        Handover h = service.create(HandoverRulesTest.complete("D-1"), "anna");
        service.submit(h.id(), null, null, "anna");
        // Tuesday is a holiday: a whole wall-clock day later only 7 business hours have passed.
        clock.setOffset(Duration.ofHours(30));
        assertEquals(0, service.flagOverdueAcknowledgements());
        clock.setOffset(Duration.ofHours(48));
        assertEquals(1, service.flagOverdueAcknowledgements());
        clock.advance(Duration.ofHours(24));
        assertEquals(0, service.flagOverdueAcknowledgements());
        assertEquals(1, eventAdmin.count(HandoverTopics.ACK_OVERDUE));
        Event overdue = eventAdmin.events().stream().filter(e -> e.getTopic().equals(HandoverTopics.ACK_OVERDUE))
                .findFirst().orElseThrow();
        assertEquals(h.id(), overdue.getProperty(HandoverTopics.HANDOVER_ID));
        assertEquals(MONDAY_10.toString(), overdue.getProperty(HandoverTopics.SUBMITTED_AT));
        assertNotNull(service.find(h.id()).orElseThrow().ackOverdueAt());
    }

    @Test
    public void anAcknowledgedHandoverIsNeverOverdue() {
        Handover h = service.create(HandoverRulesTest.complete("D-1"), "anna");
        service.submit(h.id(), null, null, "anna");
        service.acknowledge(h.id(), null, "sam");
        clock.advance(Duration.ofDays(10));
        assertEquals(0, service.flagOverdueAcknowledgements());
        assertEquals(0, eventAdmin.count(HandoverTopics.ACK_OVERDUE));
    }

    @Test
    public void pendingListsWaitingHandoversOldestFirstWithBusinessHours() {
        Handover first = service.create(HandoverRulesTest.complete("D-1"), "anna");
        service.submit(first.id(), null, null, "anna");
        clock.advance(Duration.ofHours(2));
        Handover second = service.create(HandoverRulesTest.complete("D-2"), "anna");
        service.submit(second.id(), null, null, "anna");
        clock.advance(Duration.ofHours(1));
        List<PendingHandover> pending = service.pending(10);
        assertEquals(List.of(first.id(), second.id()), pending.stream().map(p -> p.handover().id()).toList());
        assertEquals(Duration.ofHours(3), pending.get(0).businessTimeWaiting());
        assertEquals(Duration.ofHours(1), pending.get(1).businessTimeWaiting());
    }

    @Test
    public void acceptedPromisesGoToTheTrackerOnceOwnedByTheServiceTeam() {
        Handover h = accepted("D-1");
        assertEquals(1, promiseTracker.promises.size());
        Promise p = promiseTracker.promises.values().iterator().next();
        assertEquals("facility-north", p.owner());
        assertEquals("SALES_HANDOVER", p.origin().type());
        assertEquals("D-1", p.origin().ref());
        assertEquals(p.id(), h.promises().get(0).promiseId());

        Handover retried = service.accept(h.id(), null, "sam");
        assertEquals(1, promiseTracker.promises.size());
        assertEquals(h, retried);
        assertEquals(0, service.registerPromises());
        assertEquals(1, eventAdmin.count(HandoverTopics.ACCEPTED));
    }

    @Test
    public void thePromisesGoToThePrimaryContactAndTheEventsNameThem() {
        HandoverDraft complete = HandoverRulesTest.complete("D-1");
        HandoverDraft twoContacts = new HandoverDraft("D-1", complete.customerId(), complete.customerName(), complete.soldBy(),
                complete.serviceTeam(), complete.contractStart(),
                List.of(new Contact("Joost", "facility manager", "joost@example.org", null),
                        new Contact("Fatima", "director", "fatima@example.org", "+31 20 555 0102", "en", true)),
                complete.expectations(), complete.promises(), complete.notes());
        Handover h = service.create(twoContacts, "anna");
        service.submit(h.id(), null, null, "anna");
        service.acknowledge(h.id(), "read it, all clear", null, "sam");
        service.accept(h.id(), "north takes the lights", null, "sam");
        Promise p = promiseTracker.promises.values().iterator().next();
        assertEquals(new org.omotenashi.promises.api.Contact("Fatima", "fatima@example.org", "+31 20 555 0102", "en"),
                p.contact());
        List<Event> events = eventAdmin.events();
        Event acknowledged = events.get(1);
        assertEquals(HandoverTopics.ACKNOWLEDGED, acknowledged.getTopic());
        assertEquals("read it, all clear", acknowledged.getProperty(HandoverTopics.REASON));
        Event accepted = events.get(2);
        assertEquals("fatima@example.org", accepted.getProperty(HandoverTopics.CONTACT_EMAIL));
        assertEquals("en", accepted.getProperty(HandoverTopics.LANGUAGE));
        assertEquals("sam", accepted.getProperty(HandoverTopics.BY));
        assertEquals("north takes the lights", service.find(h.id()).orElseThrow().history().get(3).comment());
    }

    @Test
    public void everyStepIsARowOfTheCustomersTimelineWrittenWithTheStep() throws SQLException {
        accepted("D-1");
        assertEquals(4, rows("SELECT COUNT(*) FROM HANDOVER_STEP WHERE CUSTOMER_ID='C-1'"));
        assertEquals(1, rows("SELECT COUNT(*) FROM HANDOVER_STEP WHERE STEP='ACCEPTED' AND ACTOR='sam'"));
    }

    @Test
    public void acceptingWithoutTheTrackerWorksAndTheTrackerGetsThePromisesWhenItAppears() {
        installedTracker = null;
        Handover h = accepted("D-1");
        assertEquals(HandoverStatus.ACCEPTED, h.status());
        assertNull(h.promises().get(0).promiseId());

        installedTracker = promiseTracker;
        assertEquals(1, service.registerPromises());
        assertEquals(0, service.registerPromises());
        assertEquals(1, promiseTracker.promises.size());
        assertNotNull(service.find(h.id()).orElseThrow().promises().get(0).promiseId());
    }

    @Test
    public void aTrackerFailureDoesNotFailAcceptanceAndIsRetried() {
        promiseTracker.refuse = true;
        Handover h = accepted("D-1");
        assertEquals(HandoverStatus.ACCEPTED, h.status());
        assertEquals(0, promiseTracker.promises.size());
        promiseTracker.refuse = false;
        assertEquals(1, service.registerPromises());
        assertEquals(1, promiseTracker.promises.size());
    }

    @Test
    public void aLostPromiseIdIsRecoveredWithoutASecondPromise() throws SQLException {
        Handover h = accepted("D-1");
        // As if the tracker made the promise but the answer never got stored here.
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE HANDOVER_PROMISE SET PROMISE_ID=NULL");
        }
        assertEquals(1, service.registerPromises());
        assertEquals(1, promiseTracker.promises.size());
        assertEquals(h.promises().get(0).promiseId(), service.find(h.id()).orElseThrow().promises().get(0).promiseId());
    }

    @Test
    public void figuresGiveAckTimesPerTeamReturnsAndKeptPromises() {
        // Three handovers acknowledged after 1, 2 and 6 business hours; one returned first.
        long[] waits = {1, 2, 6};
        for (int i = 0; i < waits.length; i++) {
            clock.setOffset(Duration.ofMinutes(i));
            Handover h = service.create(HandoverRulesTest.complete("D-" + i), "anna");
            service.submit(h.id(), null, null, "anna");
            if (i == 0) {
                service.returnToSales(h.id(), List.of("?"), null, "sam");
                service.submit(h.id(), null, null, "anna");
            }
            clock.advance(Duration.ofHours(waits[i]));
            service.acknowledge(h.id(), null, "sam");
            service.accept(h.id(), null, "sam");
        }
        List<String> ids = List.copyOf(promiseTracker.promises.keySet());
        promiseTracker.settle(ids.get(0), PromiseStatus.KEPT);
        promiseTracker.settle(ids.get(1), PromiseStatus.BROKEN);

        HandoverStats stats = service.stats(MONDAY_10, MONDAY_10.plus(Duration.ofDays(1)));
        assertEquals(3, stats.submitted());
        assertEquals(1, stats.returned());
        assertEquals(0.33, stats.shareReturned(), 0.001);
        assertEquals(1, stats.ackTimes().size());
        assertEquals("facility-north", stats.ackTimes().get(0).serviceTeam());
        assertEquals(2.0, stats.ackTimes().get(0).medianBusinessHours(), 0.001);
        assertEquals(6.0, stats.ackTimes().get(0).p90BusinessHours(), 0.001);
        assertEquals(2, stats.promisesJudged());
        assertEquals(0.5, stats.sharePromisesKept(), 0.001);
    }

    @Test
    public void withoutTheTrackerTheKeptShareIsUnknownAndSaysWhy() {
        installedTracker = null;
        accepted("D-1");
        HandoverStats stats = service.stats(MONDAY_10, MONDAY_10.plus(Duration.ofDays(1)));
        assertNull(stats.sharePromisesKept());
        assertTrue(stats.note().contains("not installed"));
    }

    @Test
    public void percentilesUseTheNearestRank() {
        List<Double> values = List.of(5d, 1d, 4d, 2d, 3d, 6d, 7d, 8d, 9d, 10d);
        assertEquals(5.5, HandoverFigures.percentile(values, 50), 0.001);
        assertEquals(9.0, HandoverFigures.percentile(values, 90), 0.001);
        assertEquals(3.0, HandoverFigures.percentile(List.of(3d, 1d, 2d, 4d, 5d), 50), 0.001);
    }
}
