package org.omotenashi.handover.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.Test;
import org.omotenashi.core.calendar.BusinessCalendar;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.handover.api.ChecklistItem;
import org.omotenashi.handover.api.Contact;
import org.omotenashi.handover.api.CustomerNotes;
import org.omotenashi.handover.api.Expectation;
import org.omotenashi.handover.api.HandedPromise;
import org.omotenashi.handover.api.Handover;
import org.omotenashi.handover.api.HandoverDraft;
import org.omotenashi.handover.api.HandoverStatus;
import org.omotenashi.handover.api.Importance;
import org.omotenashi.testing.OfficeHours;

public class HandoverRulesTest {
    /** A Monday, 10:00 UTC. */
    private static final Instant MONDAY_10 = Instant.parse("2026-05-04T10:00:00Z");
    private static final Set<ChecklistItem> DEFAULT_CHECKLIST = HandoverSettings.DEFAULTS.requiredItems();
    private static final BusinessCalendar CALENDAR = OfficeHours.in(ZoneOffset.UTC, LocalDate.parse("2026-05-05"));

    static HandoverDraft complete(String dealRef) {
        return new HandoverDraft(dealRef, "C-1", "Hotel Amstel", "anna", "facility-north", LocalDate.parse("2026-06-01"),
                List.of(new Contact("Joost", "facility manager", "joost@example.org", "+31 20 555 0101")),
                List.of(new Expectation("The lobby is never without light", Importance.MUST)),
                List.of(new HandedPromise("Replace the lobby lights", MONDAY_10.plus(Duration.ofDays(30)), null)),
                new CustomerNotes("Call before 10", "Service entrance at the back", null));
    }

    private static HandoverDraft empty(String dealRef) {
        return new HandoverDraft(dealRef, "C-1", null, null, null, null, null, null, null, null);
    }

    private static Handover submitted() {
        Handover draft = HandoverRules.create("h-1", complete("D-1"), "anna", MONDAY_10);
        return HandoverRules.submit(draft, null, "anna", MONDAY_10, DEFAULT_CHECKLIST);
    }

    private static void assertConflict(Runnable step) {
        try {
            step.run();
            fail("expected a 409");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
        }
    }

    @Test
    public void aNewHandoverIsADraftWithOneHistoryEntry() {
        Handover h = HandoverRules.create("h-1", empty("D-1"), "anna", MONDAY_10);
        assertEquals(HandoverStatus.DRAFT, h.status());
        assertEquals("anna", h.soldBy());
        assertEquals(1, h.history().size());
        assertNull(h.history().get(0).from());
        assertEquals(1, h.version());
    }

    @Test
    public void submittingAnIncompleteHandoverNamesEveryMissingItem() {
        Handover draft = HandoverRules.create("h-1", empty("D-1"), "anna", MONDAY_10);
        try {
            HandoverRules.submit(draft, null, "anna", MONDAY_10, DEFAULT_CHECKLIST);
            fail("an empty handover was submitted");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
            assertEquals(List.of("contacts", "expectations", "contractStart", "serviceTeam"),
                    e.errors().stream().map(f -> f.field()).toList());
        }
    }

    @Test
    public void theChecklistDecidesWhatIsRequired() {
        Handover draft = HandoverRules.create("h-1", empty("D-1"), "anna", MONDAY_10);
        assertEquals(HandoverStatus.SUBMITTED,
                HandoverRules.submit(draft, null, "anna", MONDAY_10, Set.of()).status());
        Handover noNotes = HandoverRules.create("h-2", new HandoverDraft("D-2", "C-1", null, null, "t", null, null, null,
                null, new CustomerNotes(null, null, null)), "anna", MONDAY_10);
        assertEquals(List.of(ChecklistItem.PROMISES, ChecklistItem.NOTES),
                HandoverRules.missing(noNotes, EnumSet.of(ChecklistItem.PROMISES, ChecklistItem.NOTES,
                        ChecklistItem.SERVICE_TEAM)));
    }

    @Test
    public void submittingACompleteHandoverRecordsWhoAndWhen() {
        Handover h = submitted();
        assertEquals(HandoverStatus.SUBMITTED, h.status());
        assertEquals(MONDAY_10, h.submittedAt());
        assertEquals(HandoverStatus.DRAFT, h.history().get(1).from());
        assertEquals(HandoverStatus.SUBMITTED, h.history().get(1).to());
        assertEquals("anna", h.history().get(1).by());
        assertEquals(2, h.version());
    }

    @Test
    public void serviceCanReturnWithQuestionsAndSalesCanEditAndResubmit() {
        Instant later = MONDAY_10.plus(Duration.ofHours(1));
        Handover returned = HandoverRules.returnToSales(submitted(), List.of("Which entrance?"), "sam", later);
        assertEquals(HandoverStatus.RETURNED, returned.status());
        assertEquals(List.of("Which entrance?"), returned.history().get(2).questions());
        assertEquals(1, returned.returns());
        Handover edited = HandoverRules.edit(returned, complete("D-1"), later);
        Handover again = HandoverRules.submit(edited, "Back entrance", "anna", later.plusSeconds(60), DEFAULT_CHECKLIST);
        assertEquals(HandoverStatus.SUBMITTED, again.status());
        assertEquals(later.plusSeconds(60), again.submittedAt());
        assertEquals("Back entrance", again.history().get(3).comment());
    }

    @Test
    public void returningWithoutQuestionsIsRefused() {
        try {
            HandoverRules.returnToSales(submitted(), List.of(), "sam", MONDAY_10);
            fail("returned without questions");
        } catch (ProblemException e) {
            assertEquals(400, e.status());
        }
    }

    @Test
    public void onlyDraftsAndReturnedHandoversCanBeEdited() {
        Handover h = submitted();
        assertConflict(() -> HandoverRules.edit(h, complete("D-1"), MONDAY_10));
    }

    @Test
    public void theDealOfAHandoverCannotChange() {
        Handover draft = HandoverRules.create("h-1", empty("D-1"), "anna", MONDAY_10);
        try {
            HandoverRules.edit(draft, empty("D-2"), MONDAY_10);
            fail("deal changed");
        } catch (ProblemException e) {
            assertEquals(400, e.status());
        }
    }

    @Test
    public void acceptingNeedsAnAcknowledgementFirst() {
        assertConflict(() -> HandoverRules.accept(submitted(), null, "sam", MONDAY_10));
        Handover acknowledged = HandoverRules.acknowledge(submitted(), null, "sam", MONDAY_10);
        Handover accepted = HandoverRules.accept(acknowledged, null, "sam", MONDAY_10);
        assertEquals(HandoverStatus.ACCEPTED, accepted.status());
        assertEquals(4, accepted.history().size());
    }

    @Test
    public void anAcknowledgedHandoverCannotBeAcknowledgedOrReturnedAgain() {
        Handover acknowledged = HandoverRules.acknowledge(submitted(), null, "sam", MONDAY_10);
        assertConflict(() -> HandoverRules.acknowledge(acknowledged, null, "sam", MONDAY_10));
        assertConflict(() -> HandoverRules.returnToSales(acknowledged, List.of("?"), "sam", MONDAY_10));
        assertConflict(() -> HandoverRules.submit(acknowledged, null, "anna", MONDAY_10, DEFAULT_CHECKLIST));
    }

    @Test
    public void aDraftCannotBeAcknowledged() {
        Handover draft = HandoverRules.create("h-1", complete("D-1"), "anna", MONDAY_10);
        assertConflict(() -> HandoverRules.acknowledge(draft, null, "sam", MONDAY_10));
    }

    @Test
    public void aHandoverWithoutServiceTeamCannotBeAccepted() {
        Handover draft = HandoverRules.create("h-1", empty("D-1"), "anna", MONDAY_10);
        Handover acknowledged = HandoverRules.acknowledge(HandoverRules.submit(draft, null, "anna", MONDAY_10, Set.of()),
                null, "sam", MONDAY_10);
        assertConflict(() -> HandoverRules.accept(acknowledged, null, "sam", MONDAY_10));
    }

    @Test
    public void acknowledgementIsOverdueAfterTheTargetInBusinessHoursNotWallHours() {
        Handover h = submitted();
        Duration target = Duration.ofHours(8);
        // Monday 10:00 + 7 business hours is Monday 17:00; Tuesday is a holiday; Wednesday 10:00 makes 8.
        assertFalse(HandoverRules.isAckOverdue(h, Instant.parse("2026-05-05T16:00:00Z"), CALENDAR, target));
        assertFalse(HandoverRules.isAckOverdue(h, Instant.parse("2026-05-06T09:59:00Z"), CALENDAR, target));
        assertTrue(HandoverRules.isAckOverdue(h, Instant.parse("2026-05-06T10:00:00Z"), CALENDAR, target));
    }

    @Test
    public void anAcknowledgedOrAlreadyFlaggedHandoverIsNotOverdue() {
        Instant late = Instant.parse("2026-05-08T10:00:00Z");
        Duration target = Duration.ofHours(8);
        assertFalse(HandoverRules.isAckOverdue(HandoverRules.acknowledge(submitted(), null, "sam", MONDAY_10), late,
                CALENDAR, target));
        Handover s = submitted();
        Handover flagged = new Handover(s.id(), s.dealRef(), s.customerId(), s.customerName(), s.soldBy(),
                s.serviceTeam(), s.contractStart(), s.contacts(), s.expectations(), s.promises(), s.notes(), s.status(),
                s.history(), s.createdAt(), s.updatedAt(), s.submittedAt(), null, null, late, s.version());
        assertFalse(HandoverRules.isAckOverdue(flagged, late, CALENDAR, target));
    }
}
