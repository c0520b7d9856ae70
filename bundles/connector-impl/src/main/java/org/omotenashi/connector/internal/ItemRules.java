package org.omotenashi.connector.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.omotenashi.connector.spi.Party;
import org.omotenashi.connector.spi.WorkItem;
import org.omotenashi.connector.spi.WorkState;
import org.omotenashi.promises.api.Channel;
import org.omotenashi.promises.api.NewPromise;
import org.omotenashi.promises.api.Origin;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseStatus;

/**
 * How a facility system's work item maps onto a promise, as pure functions of the item, the promise and the
 * time. Applying an item means comparing what it asks for with what the promise is now, so applying the same
 * change twice asks for nothing the second time.
 */
final class ItemRules {
    /** Column sizes of the promise tracker's table; longer values are cut, never refused. */
    static final int ID = 100;
    static final int NAME = 200;
    static final int TEXT = 2000;
    static final int REASON = 500;
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ItemRules() {
    }

    /**
     * What a newly seen item becomes: a promise when it is open and has a target date; otherwise a record that it
     * waits for one (open, no date) or is of no concern (already completed or cancelled).
     */
    static Arrival arrival(WorkItem item) {
        if (item.state() != WorkState.OPEN) {
            return Arrival.IGNORED;
        }
        return item.targetDate() == null ? Arrival.WAITING : Arrival.PROMISE;
    }

    /** What a newly seen item is, before it has a promise. */
    enum Arrival { PROMISE, WAITING, IGNORED }

    /**
     * The promise a new open item becomes. It was made when the item was (if the system says when, and that was
     * before its target date and now); otherwise now. A target date that is already past when the item is first
     * seen cannot be promised: the tracker refuses a promise due before it was made.
     */
    static NewPromise newPromise(WorkItem item, String instance, OwnerMapping owners, Instant now) {
        Party customer = item.customer();
        String customerId = customer == null || blank(customer.id()) ? instance + ":unknown" : customer.id();
        String customerName = customer == null ? null : customer.name();
        Instant madeAt = item.createdAt() != null && item.createdAt().isBefore(item.targetDate())
                && !item.createdAt().isAfter(now) ? item.createdAt().truncatedTo(ChronoUnit.MILLIS) : null;
        String description = (item.number() == null ? "" : item.number() + ": ") + (blank(item.title()) ? "(no title)" : item.title());
        return new NewPromise(cut(customerId, ID), cut(customerName, NAME), cut(description, TEXT),
                cut(item.description(), TEXT), cut(instance, ID), cut(owners.ownerFor(item.owner()), ID), Channel.FM_SYSTEM,
                new Origin(cut(instance, 50), cut(item.externalId(), NAME)), madeAt,
                item.targetDate().truncatedTo(ChronoUnit.MILLIS), cut(item.number(), NAME));
    }

    /**
     * What the promise must go through for the item: a completed item keeps an open or broken promise, a
     * cancelled one cancels it, a moved target date renegotiates an open one. A promise already final, or already
     * at the item's target date, needs nothing.
     */
    static Optional<PromiseStep> step(WorkItem item, Promise promise, String system, Instant now) {
        boolean settled = promise.status().isFinal();
        String what = system + " " + label(item);
        switch (item.state()) {
            case COMPLETED:
                return settled ? Optional.empty()
                        : Optional.of(new PromiseStep.Keep(cut(what + " was completed", TEXT)));
            case CANCELLED:
                return settled ? Optional.empty()
                        : Optional.of(new PromiseStep.Cancel(cut(what + " was cancelled", TEXT)));
            default:
                break;
        }
        if (item.targetDate() == null) {
            return Optional.empty();
        }
        Instant target = item.targetDate().truncatedTo(ChronoUnit.MILLIS);
        if (target.equals(promise.dueAt())) {
            return Optional.empty();
        }
        if (settled) {
            return Optional.of(new PromiseStep.Remark("target date moved to " + DAY_AND_TIME.format(target)
                    + " after the promise was already " + promise.status()));
        }
        String reason = what + ": target date moved from " + DAY_AND_TIME.format(promise.dueAt()) + " to "
                + DAY_AND_TIME.format(target);
        if (promise.status() != PromiseStatus.OPEN || now.isAfter(promise.dueAt())) {
            return Optional.of(new PromiseStep.Remark(cut(reason + "; not renegotiated, the promise had already broken", REASON)));
        }
        if (!target.isAfter(now)) {
            return Optional.of(new PromiseStep.Remark(cut(reason + "; not renegotiated, the new date is already past", REASON)));
        }
        return Optional.of(new PromiseStep.Renegotiate(target, cut(reason, REASON)));
    }

    /** How an item is named in reasons and evidence: its number, or its id when it has none. */
    static String label(WorkItem item) {
        return blank(item.number()) ? item.externalId() : item.number();
    }

    static String cut(String text, int max) {
        if (text == null) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
