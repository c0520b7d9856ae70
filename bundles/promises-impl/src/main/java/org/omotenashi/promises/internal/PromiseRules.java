package org.omotenashi.promises.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseStatus;
import org.omotenashi.promises.api.Renegotiation;

/**
 * The life of a promise as pure functions of the promise and the time: what each step turns it
 * into, or why the step is refused. Storage and endpoints only ever apply these.
 */
final class PromiseRules {
    /** A promise renegotiated this often is no longer a promise; the list is also kept small. */
    static final int MAX_RENEGOTIATIONS = 50;

    private PromiseRules() {
    }

    /** Keeping an open promise before its due date keeps it; after, it is kept late. */
    static Promise keep(Promise p, String evidence, Instant now) {
        PromiseStatus next = switch (p.status()) {
            case OPEN -> now.isAfter(p.dueAt()) ? PromiseStatus.KEPT_LATE : PromiseStatus.KEPT;
            case BROKEN -> PromiseStatus.KEPT_LATE;
            default -> throw refused(p, "kept");
        };
        return with(p, next, now, evidence, p.brokenAt() == null && next == PromiseStatus.KEPT_LATE ? p.dueAt() : p.brokenAt(),
                p.cancelReason(), p.dueAt(), p.renegotiations());
    }

    /**
     * A new date agreed with the customer while the promise is still open. Once it has broken, the
     * honest record is that it broke; it can then only be kept late or cancelled.
     */
    static Promise renegotiate(Promise p, Instant newDueAt, String reason, String by, Instant now) {
        if (p.status() != PromiseStatus.OPEN || now.isAfter(p.dueAt())) {
            throw ProblemException.conflict("Only an open promise that is not yet due can be renegotiated; this one is "
                    + (p.status() == PromiseStatus.OPEN ? "past its due date" : p.status()) + ".");
        }
        if (!newDueAt.isAfter(now)) {
            throw ProblemException.invalid("newDueAt", "must be in the future");
        }
        if (p.renegotiations().size() >= MAX_RENEGOTIATIONS) {
            throw ProblemException.conflict("This promise has been renegotiated " + MAX_RENEGOTIATIONS
                    + " times; cancel it and make a new one.");
        }
        List<Renegotiation> history = new ArrayList<>(p.renegotiations());
        history.add(new Renegotiation(p.dueAt(), newDueAt, reason, now, by));
        return with(p, PromiseStatus.OPEN, p.keptAt(), p.evidence(), p.brokenAt(), p.cancelReason(), newDueAt, history);
    }

    /** An open or broken promise can be withdrawn; one that was kept stays kept. */
    static Promise cancel(Promise p, String reason) {
        if (p.status() != PromiseStatus.OPEN && p.status() != PromiseStatus.BROKEN) {
            throw refused(p, "cancelled");
        }
        return with(p, PromiseStatus.CANCELLED, p.keptAt(), p.evidence(), p.brokenAt(), reason, p.dueAt(), p.renegotiations());
    }

    /** Only a promise that still needs work can change hands. */
    static Promise reassign(Promise p, String newOwner) {
        if (p.status() != PromiseStatus.OPEN && p.status() != PromiseStatus.BROKEN) {
            throw refused(p, "reassigned");
        }
        return new Promise(p.id(), p.customerId(), p.customerName(), p.description(), p.expectation(), p.promisedBy(),
                newOwner, p.channel(), p.origin(), p.madeAt(), p.dueAt(), p.status(), p.keptAt(), p.evidence(),
                p.brokenAt(), p.cancelReason(), p.renegotiations(), p.externalRef(), p.version() + 1, p.contact(), null);
    }

    /** The sweep's decision: an open promise whose due date has passed is broken. */
    static boolean isBroken(Promise p, Instant now) {
        return p.status() == PromiseStatus.OPEN && now.isAfter(p.dueAt());
    }

    private static ProblemException refused(Promise p, String action) {
        return ProblemException.conflict("A promise that is " + p.status() + " cannot be " + action + ".");
    }

    private static Promise with(Promise p, PromiseStatus status, Instant keptAt, String evidence, Instant brokenAt,
                                String cancelReason, Instant dueAt, List<Renegotiation> renegotiations) {
        return new Promise(p.id(), p.customerId(), p.customerName(), p.description(), p.expectation(), p.promisedBy(),
                p.owner(), p.channel(), p.origin(), p.madeAt(), dueAt, status, keptAt, evidence, brokenAt, cancelReason,
                renegotiations, p.externalRef(), p.version() + 1, p.contact(), null);
    }
}
