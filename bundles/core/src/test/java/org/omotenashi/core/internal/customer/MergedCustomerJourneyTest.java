package org.omotenashi.core.internal.customer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.omotenashi.core.customer.ContactBudget;
import org.omotenashi.core.customer.ContactHold;
import org.omotenashi.core.customer.JourneySource;
import org.omotenashi.core.customer.RecordLink;
import org.omotenashi.core.customer.TimelineEntry;
import org.omotenashi.core.customer.TimelineQuery;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.model.Page;
import org.omotenashi.core.time.MovableClock;

/** The merge of several modules' timelines: one order, cursors that never skip or repeat, and the contact budget. */
public class MergedCustomerJourneyTest {
    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

    private final MovableClock clock = MovableClock.fixedAt(T0.plus(Duration.ofDays(1)));
    private final MergedCustomerJourney journey = new MergedCustomerJourney(clock,
            new MergedCustomerJourney.Rules(true, Duration.ofDays(14)));

    /** A source holding entries in memory and answering queries the way the stores' SQL does. */
    private static class ListSource implements JourneySource {
        private final String name;
        private final List<TimelineEntry> entries = new ArrayList<>();
        private final List<ContactHold> holds = new ArrayList<>();

        ListSource(String name) {
            this.name = name;
        }

        ListSource add(long seq, Instant at, String kind) {
            entries.add(new TimelineEntry(TimelineEntry.id(name, seq), at, name + "." + kind.toLowerCase(), "anna", kind,
                    null, new RecordLink(name, "r-" + seq, "/api/v1/" + name + "s/r-" + seq), Map.of()));
            return this;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<TimelineEntry> timeline(TimelineQuery q) {
            return entries.stream()
                    .filter(e -> q.wants(e.type().substring(name.length() + 1).toUpperCase()))
                    .filter(e -> q.from() == null || !e.at().isBefore(q.from()))
                    .filter(e -> q.to() == null || e.at().isBefore(q.to()))
                    .filter(e -> q.beforeAt() == null || e.at().isBefore(q.beforeAt())
                            || e.at().equals(q.beforeAt()) && MergedCustomerJourney.seq(e.id()) < q.beforeSeq())
                    .sorted(Comparator.comparing(TimelineEntry::at).thenComparingLong(e -> MergedCustomerJourney.seq(e.id()))
                            .reversed())
                    .limit(q.limit()).toList();
        }

        @Override
        public List<ContactHold> holds(String customerId, Instant since) {
            return holds;
        }
    }

    private List<String> allPages(Set<String> types, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Page<TimelineEntry> page = journey.timeline("c-1", null, null, types, limit, cursor);
            page.items().forEach(e -> ids.add(e.id()));
            cursor = page.next();
        } while (cursor != null);
        return ids;
    }

    @Test
    public void pagesWalkEveryModulesEntriesNewestFirstWithoutSkippingTiesAtOneInstant() {
        journey.addSource(new ListSource("promise").add(1, T0, "MADE").add(2, T0, "KEPT").add(3, T0.plusSeconds(5), "BROKEN"));
        journey.addSource(new ListSource("survey").add(1, T0, "INVITED").add(2, T0.plusSeconds(5), "ANSWERED"));
        journey.addSource(new ListSource("escalation").add(7, T0.plusSeconds(1), "OPENED"));
        List<String> expected = List.of("survey:2", "promise:3", "escalation:7", "survey:1", "promise:2", "promise:1");
        assertEquals(expected, allPages(Set.of(), 50));
        for (int limit = 1; limit <= 6; limit++) {
            assertEquals("pages of " + limit, expected, allPages(Set.of(), limit));
        }
    }

    @Test
    public void typesChooseWholeModulesOrSingleKinds() {
        journey.addSource(new ListSource("promise").add(1, T0, "MADE").add(2, T0.plusSeconds(1), "KEPT"));
        journey.addSource(new ListSource("survey").add(1, T0.plusSeconds(2), "ANSWERED"));
        assertEquals(List.of("survey:1", "promise:1"), allPages(Set.of("survey", "promise.made"), 1));
        assertEquals(List.of("promise:2", "promise:1"), allPages(Set.of("promise.kept", "promise"), 10));
        assertEquals(List.of(), allPages(Set.of("handover"), 10));
    }

    @Test
    public void aRemovedModuleTakesOnlyItsOwnEntries() {
        ListSource survey = new ListSource("survey").add(1, T0, "INVITED");
        journey.addSource(new ListSource("promise").add(1, T0, "MADE"));
        journey.addSource(survey);
        journey.removeSource(survey);
        assertEquals(List.of("promise:1"), allPages(Set.of(), 10));
    }

    @Test
    public void aBadLimitOrCursorIsRefused() {
        for (Runnable call : List.<Runnable>of(() -> journey.timeline("c-1", null, null, Set.of(), 0, null),
                () -> journey.timeline("c-1", null, null, Set.of(), 201, null),
                () -> journey.timeline("c-1", null, null, Set.of(), 10, "not-a-cursor"),
                () -> journey.timeline(" ", null, null, Set.of(), 10, null))) {
            try {
                call.run();
                fail("refused");
            } catch (ProblemException e) {
                assertEquals(400, e.status());
            }
        }
    }

    @Test
    public void anOpenEscalationHoldsWhileItLastsAndABrokenPromiseForTheQuietDays() {
        ListSource escalation = new ListSource("escalation");
        ListSource promise = new ListSource("promise");
        journey.addSource(escalation);
        journey.addSource(promise);
        assertTrue(journey.contactBudget("c-1").mayInvite());
        assertNull(journey.contactBudget("c-1").reason());

        promise.holds.add(new ContactHold(ContactHold.BROKEN_PROMISE, T0, null, "promise p-1 broke on " + T0, null));
        ContactBudget held = journey.contactBudget("c-1");
        assertFalse(held.mayInvite());
        assertEquals(T0.plus(Duration.ofDays(14)), held.holds().get(0).until());
        clock.advance(Duration.ofDays(14));
        assertTrue("the quiet days are over", journey.contactBudget("c-1").mayInvite());

        escalation.holds.add(new ContactHold(ContactHold.OPEN_ESCALATION, T0, null, "escalation e-1 is open", null));
        ContactBudget open = journey.contactBudget("c-1");
        assertFalse(open.mayInvite());
        assertTrue(open.reason().contains("escalation e-1 is open"));

        journey.modified(new ContactBudgetConfig() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return ContactBudgetConfig.class;
            }

            @Override
            public boolean holdWhileEscalationOpen() {
                return false;
            }

            @Override
            public int quietDaysAfterBrokenPromise() {
                return 14;
            }
        });
        assertTrue("switched off", journey.contactBudget("c-1").mayInvite());
    }

    @Test
    public void theSummaryHasASectionPerInstalledModuleAndTheBudget() {
        journey.addSource(new ListSource("promise") {
            @Override
            public Map<String, Object> summary(String customerId, Instant now) {
                return Map.of("open", 2);
            }
        });
        var summary = journey.summary("c-1");
        assertEquals(List.of("promise"), summary.sources());
        assertEquals(Map.of("open", 2), summary.sections().get("promise"));
        assertTrue(summary.contactBudget().mayInvite());
    }
}
