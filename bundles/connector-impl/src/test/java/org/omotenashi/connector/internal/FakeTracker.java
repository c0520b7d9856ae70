package org.omotenashi.connector.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.omotenashi.core.model.Page;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.promises.api.MadePromise;
import org.omotenashi.promises.api.NewPromise;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseQuery;
import org.omotenashi.promises.api.PromiseStats;
import org.omotenashi.promises.api.PromiseStatus;
import org.omotenashi.promises.api.PromiseTracker;
import org.omotenashi.promises.api.Renegotiation;
import org.omotenashi.promises.api.StatsGroup;
import org.omotenashi.promises.api.SweepResult;

/**
 * The promise tracker's rules as its README states them, in memory: idempotency keys per caller, keep on time or
 * late, renegotiation only while open and not yet due, final states final. Counts every call that changed a promise.
 */
class FakeTracker implements PromiseTracker {
    final Map<String, Promise> promises = new LinkedHashMap<>();
    final Map<String, String[]> keys = new LinkedHashMap<>();
    final List<String> changes = new ArrayList<>();
    private final Clock clock;
    RuntimeException failNext;
    /** When positive: the call with this number (counting from 1) fails, as the database under the tracker would. */
    int failCall;
    private int calls;

    FakeTracker(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized MadePromise make(NewPromise r, String idempotencyKey, String caller) {
        failIfAsked();
        String key = caller + "/" + idempotencyKey;
        if (keys.containsKey(key)) {
            if (!keys.get(key)[0].equals(r.toString())) {
                throw ProblemException.conflict("This Idempotency-Key was already used for a different promise.");
            }
            return new MadePromise(promises.get(keys.get(key)[1]), true);
        }
        Instant now = now();
        Instant madeAt = r.madeAt() == null ? now : r.madeAt();
        if (!r.dueAt().isAfter(madeAt)) {
            throw ProblemException.invalid("dueAt", "must be after madeAt");
        }
        Promise p = new Promise(UUID.randomUUID().toString(), r.customerId(), r.customerName(), r.description(),
                r.expectation(), r.promisedBy(), r.owner() == null ? r.promisedBy() : r.owner(), r.channel(), r.origin(),
                madeAt, r.dueAt(), PromiseStatus.OPEN, null, null, null, null, List.of(), r.externalRef(), 1);
        promises.put(p.id(), p);
        keys.put(key, new String[] {r.toString(), p.id()});
        changes.add("CREATED " + p.id());
        return new MadePromise(p, false);
    }

    @Override
    public synchronized Optional<Promise> find(String id) {
        failIfAsked();
        return Optional.ofNullable(promises.get(id));
    }

    @Override
    public synchronized Promise keep(String id, String evidence, Long expectedVersion, String by) {
        failIfAsked();
        Promise p = promises.get(id);
        Instant now = now();
        PromiseStatus next = switch (p.status()) {
            case OPEN -> now.isAfter(p.dueAt()) ? PromiseStatus.KEPT_LATE : PromiseStatus.KEPT;
            case BROKEN -> PromiseStatus.KEPT_LATE;
            default -> throw ProblemException.conflict("A promise that is " + p.status() + " cannot be kept.");
        };
        changes.add(next + " " + id);
        return put(with(p, next, p.dueAt(), p.renegotiations(), now, evidence, null));
    }

    @Override
    public synchronized Promise renegotiate(String id, Instant newDueAt, String reason, Long expectedVersion, String by) {
        failIfAsked();
        Promise p = promises.get(id);
        Instant now = now();
        if (p.status() != PromiseStatus.OPEN || now.isAfter(p.dueAt())) {
            throw ProblemException.conflict("Only an open promise that is not yet due can be renegotiated.");
        }
        if (!newDueAt.isAfter(now)) {
            throw ProblemException.invalid("newDueAt", "must be in the future");
        }
        List<Renegotiation> history = new ArrayList<>(p.renegotiations());
        history.add(new Renegotiation(p.dueAt(), newDueAt, reason, now, by));
        changes.add("RENEGOTIATED " + id + " " + newDueAt);
        return put(with(p, PromiseStatus.OPEN, newDueAt, history, null, null, null));
    }

    @Override
    public synchronized Promise cancel(String id, String reason, Long expectedVersion, String by) {
        failIfAsked();
        Promise p = promises.get(id);
        if (p.status() != PromiseStatus.OPEN && p.status() != PromiseStatus.BROKEN) {
            throw ProblemException.conflict("A promise that is " + p.status() + " cannot be cancelled.");
        }
        changes.add("CANCELLED " + id);
        return put(with(p, PromiseStatus.CANCELLED, p.dueAt(), p.renegotiations(), null, null, reason));
    }

    /** What the sweep does: open promises past due break. */
    synchronized void sweepNow() {
        Instant now = now();
        for (Promise p : List.copyOf(promises.values())) {
            if (p.status() == PromiseStatus.OPEN && now.isAfter(p.dueAt())) {
                changes.add("BROKEN " + p.id());
                put(with(p, PromiseStatus.BROKEN, p.dueAt(), p.renegotiations(), null, null, null));
            }
        }
    }

    synchronized Promise only() {
        if (promises.size() != 1) {
            throw new AssertionError("expected exactly one promise, found " + promises.size());
        }
        return promises.values().iterator().next();
    }

    private void failIfAsked() {
        if (failCall > 0 && ++calls == failCall) {
            throw new org.omotenashi.core.db.StorageException(new java.sql.SQLException("disk full"));
        }
        RuntimeException failure = failNext;
        if (failure != null) {
            failNext = null;
            throw failure;
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Promise put(Promise p) {
        promises.put(p.id(), p);
        return p;
    }

    private static Promise with(Promise p, PromiseStatus status, Instant dueAt, List<Renegotiation> history,
                                Instant keptAt, String evidence, String cancelReason) {
        return new Promise(p.id(), p.customerId(), p.customerName(), p.description(), p.expectation(), p.promisedBy(),
                p.owner(), p.channel(), p.origin(), p.madeAt(), dueAt, status, keptAt, evidence, null, cancelReason,
                history, p.externalRef(), p.version() + 1);
    }

    @Override
    public int importAll(List<NewPromise> promises, String caller) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Page<Promise> list(PromiseQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Promise reassign(String id, String newOwner, String reason, Long expectedVersion, String by) {
        throw new UnsupportedOperationException();
    }

    @Override
    public PromiseStats stats(StatsGroup groupBy, Instant from, Instant to, int limit, String cursor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SweepResult sweep() {
        throw new UnsupportedOperationException();
    }
}
