package org.omotenashi.handover.internal;

import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.omotenashi.core.db.Transactions;
import org.omotenashi.handover.api.HandoverTopics;
import org.omotenashi.promises.api.Channel;
import org.omotenashi.promises.api.Contact;
import org.omotenashi.promises.api.MadePromise;
import org.omotenashi.promises.api.NewPromise;
import org.omotenashi.promises.api.Origin;
import org.omotenashi.promises.api.PromiseTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the promises of accepted handovers to the promise tracker, owned by the service team.
 * Exactly once: the tracker's idempotency key per handover promise makes a repeated registration
 * answer with the first promise, and the promise id kept per row means a registered promise is not
 * offered again. The tracker may be absent; then the promises wait until it appears.
 */
final class PromiseRegistration {
    static final String CALLER = "handover";
    private static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(PromiseRegistration.class);

    private final DataSource dataSource;
    private final Supplier<PromiseTracker> tracker;
    private final HandoverStore store = new HandoverStore();

    PromiseRegistration(DataSource dataSource, Supplier<PromiseTracker> tracker) {
        this.dataSource = dataSource;
        this.tracker = tracker;
    }

    static String idempotencyKey(String handoverId, int index) {
        return "handover:" + handoverId + ":" + index;
    }

    /**
     * Registers up to one batch of waiting promises and returns how many were recorded; the scheduled
     * watch takes the rest on its next runs. A promise the tracker refuses is logged and tried again
     * on the next run, without holding up the others.
     */
    synchronized int registerPending() {
        PromiseTracker current = tracker.get();
        if (current == null) {
            return 0;
        }
        int recorded = 0;
        for (HandoverStore.Unregistered p : Transactions.read(dataSource, c -> store.unregistered(c, BATCH))) {
            try {
                MadePromise made = current.make(newPromise(p), idempotencyKey(p.handoverId(), p.index()), CALLER);
                boolean stored = Transactions.inTransaction(dataSource,
                        c -> store.recordPromiseId(c, p.handoverId(), p.index(), made.promise().id()));
                recorded += stored ? 1 : 0;
            } catch (RuntimeException e) {
                LOG.warn("Promise {} of handover {} could not be registered in the promise tracker; retrying later",
                        p.index(), p.handoverId(), e);
            }
        }
        return recorded;
    }

    private static NewPromise newPromise(HandoverStore.Unregistered p) {
        // madeAt is when the handover was written, so a retry sends exactly the same promise.
        return new NewPromise(p.customerId(), p.customerName(), p.description(), null, p.soldBy(),
                p.serviceTeam(), Channel.SALES, new Origin(HandoverTopics.PROMISE_ORIGIN, p.dealRef()), p.madeAt(),
                p.dueAt(), p.handoverId(), contact(p.contacts()));
    }

    /** The handover's primary contact (marked, else the first) is the person its promises were made to. */
    static Contact contact(List<org.omotenashi.handover.api.Contact> contacts) {
        org.omotenashi.handover.api.Contact primary = org.omotenashi.handover.api.Contact.primaryOf(contacts);
        return primary == null ? null : new Contact(primary.name(), primary.email(), primary.phone(), primary.language());
    }
}
