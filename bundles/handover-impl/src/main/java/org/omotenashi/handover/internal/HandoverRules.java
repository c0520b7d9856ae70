package org.omotenashi.handover.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.omotenashi.core.calendar.BusinessCalendar;
import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.handover.api.ChecklistItem;
import org.omotenashi.handover.api.CustomerNotes;
import org.omotenashi.handover.api.Handover;
import org.omotenashi.handover.api.HandoverDraft;
import org.omotenashi.handover.api.HandoverStatus;
import org.omotenashi.handover.api.Transition;

/**
 * The life of a handover as pure functions of the handover, the caller and the time: what each step
 * turns it into, or why the step is refused. Storage and endpoints only ever apply these.
 */
final class HandoverRules {
    private HandoverRules() {
    }

    static Handover create(String id, HandoverDraft d, String by, Instant now) {
        return new Handover(id, d.dealRef(), d.customerId(), d.customerName(), d.soldBy() == null ? by : d.soldBy(),
                d.serviceTeam(), d.contractStart(), d.contacts(), d.expectations(), d.promises(), d.notes(),
                HandoverStatus.DRAFT, List.of(new Transition(null, HandoverStatus.DRAFT, by, now, null, null)),
                now, now, null, null, null, null, 1);
    }

    /** Sales may rewrite a handover while it is theirs: before submitting, or after service returned it. */
    static Handover edit(Handover h, HandoverDraft d, Instant now) {
        if (h.status() != HandoverStatus.DRAFT && h.status() != HandoverStatus.RETURNED) {
            throw refused(h, "edited");
        }
        if (!h.dealRef().equals(d.dealRef())) {
            throw ProblemException.invalid("dealRef", "cannot change; create a new handover for another deal");
        }
        return new Handover(h.id(), h.dealRef(), d.customerId(), d.customerName(),
                d.soldBy() == null ? h.soldBy() : d.soldBy(), d.serviceTeam(), d.contractStart(), d.contacts(),
                d.expectations(), d.promises(), d.notes(), h.status(), h.history(), h.createdAt(), now,
                h.submittedAt(), h.acknowledgedAt(), h.acceptedAt(), h.ackOverdueAt(), h.version() + 1);
    }

    /** The checklist items this handover does not satisfy, in checklist order. */
    static List<ChecklistItem> missing(Handover h, Set<ChecklistItem> required) {
        List<ChecklistItem> missing = new ArrayList<>();
        for (ChecklistItem item : ChecklistItem.values()) {
            if (required.contains(item) && !satisfies(h, item)) {
                missing.add(item);
            }
        }
        return missing;
    }

    private static boolean satisfies(Handover h, ChecklistItem item) {
        return switch (item) {
            case CONTACTS -> !h.contacts().isEmpty();
            case EXPECTATIONS -> !h.expectations().isEmpty();
            case CONTRACT_START -> h.contractStart() != null;
            case SERVICE_TEAM -> h.serviceTeam() != null;
            case PROMISES -> !h.promises().isEmpty();
            case NOTES -> !noNotes(h.notes());
        };
    }

    /**
     * Hands the handover to service. An incomplete one is refused with every missing item, so sales
     * can fix them all at once. A new submission starts a new acknowledgement clock.
     */
    static Handover submit(Handover h, String comment, String by, Instant now, Set<ChecklistItem> required) {
        if (h.status() != HandoverStatus.DRAFT && h.status() != HandoverStatus.RETURNED) {
            throw refused(h, "submitted");
        }
        List<ChecklistItem> missing = missing(h, required);
        if (!missing.isEmpty()) {
            List<FieldError> errors = missing.stream()
                    .map(item -> new FieldError(item.field(), "is required before submitting")).toList();
            throw new ProblemException(409, "Handover incomplete", "The handover cannot be submitted: "
                    + String.join(", ", missing.stream().map(ChecklistItem::field).toList()) + " missing.", errors);
        }
        return step(h, HandoverStatus.SUBMITTED, by, now, null, comment, now, null, null, null);
    }

    static Handover acknowledge(Handover h, String comment, String by, Instant now) {
        if (h.status() != HandoverStatus.SUBMITTED) {
            throw refused(h, "acknowledged");
        }
        return step(h, HandoverStatus.ACKNOWLEDGED, by, now, null, comment, h.submittedAt(), now, null, h.ackOverdueAt());
    }

    static Handover returnToSales(Handover h, List<String> questions, String by, Instant now) {
        if (h.status() != HandoverStatus.SUBMITTED) {
            throw refused(h, "returned");
        }
        if (questions == null || questions.isEmpty()) {
            throw ProblemException.invalid("questions", "must hold at least one question");
        }
        return step(h, HandoverStatus.RETURNED, by, now, questions, null, h.submittedAt(), null, null, h.ackOverdueAt());
    }

    /** Only an acknowledged handover is accepted: service has looked at it before it takes it over. */
    static Handover accept(Handover h, String comment, String by, Instant now) {
        if (h.status() != HandoverStatus.ACKNOWLEDGED) {
            throw refused(h, "accepted");
        }
        if (h.serviceTeam() == null) {
            throw ProblemException.conflict("A handover without a service team cannot be accepted: "
                    + "the team is who owns its promises from now on.");
        }
        return step(h, HandoverStatus.ACCEPTED, by, now, null, comment, h.submittedAt(), h.acknowledgedAt(), now,
                h.ackOverdueAt());
    }

    /**
     * The watch's decision: a handover still waiting for acknowledgement whose business time since
     * submission has reached the target, and that was not flagged for this submission yet.
     */
    static boolean isAckOverdue(Handover h, Instant now, BusinessCalendar calendar, Duration target) {
        return h.status() == HandoverStatus.SUBMITTED && h.ackOverdueAt() == null
                && calendar.businessTimeBetween(h.submittedAt(), now).compareTo(target) >= 0;
    }

    private static Handover step(Handover h, HandoverStatus to, String by, Instant now, List<String> questions,
                                 String comment, Instant submittedAt, Instant acknowledgedAt, Instant acceptedAt,
                                 Instant ackOverdueAt) {
        List<Transition> history = new ArrayList<>(h.history());
        history.add(new Transition(h.status(), to, by, now, questions, comment));
        return new Handover(h.id(), h.dealRef(), h.customerId(), h.customerName(), h.soldBy(), h.serviceTeam(),
                h.contractStart(), h.contacts(), h.expectations(), h.promises(), h.notes(), to, history,
                h.createdAt(), now, submittedAt, acknowledgedAt, acceptedAt, ackOverdueAt, h.version() + 1);
    }

    /** Notes with no field filled in say nothing, so they count as no notes. */
    static boolean noNotes(CustomerNotes notes) {
        return notes == null || notes.preferences() == null && notes.access() == null && notes.sensitivities() == null;
    }

    private static ProblemException refused(Handover h, String action) {
        return ProblemException.conflict("A handover that is " + h.status() + " cannot be " + action + ".");
    }
}
