package org.omotenashi.handover.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.omotenashi.core.model.Page;
import org.omotenashi.promises.api.MadePromise;
import org.omotenashi.promises.api.NewPromise;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseQuery;
import org.omotenashi.promises.api.PromiseStats;
import org.omotenashi.promises.api.PromiseStatus;
import org.omotenashi.promises.api.PromiseTracker;
import org.omotenashi.promises.api.StatsGroup;
import org.omotenashi.promises.api.SweepResult;

/**
 * A promise tracker with the real one's idempotency contract (same caller and key, same promise back),
 * counting how many promises it really created, so tests can prove "exactly once".
 */
final class InMemoryPromiseTracker implements PromiseTracker {
    final Map<String, Promise> promises = new ConcurrentHashMap<>();
    private final Map<String, String> keys = new ConcurrentHashMap<>();
    volatile boolean refuse;

    @Override
    public synchronized MadePromise make(NewPromise p, String idempotencyKey, String caller) {
        if (refuse) {
            throw new IllegalStateException("tracker unavailable");
        }
        String earlier = idempotencyKey == null ? null : keys.get(caller + "|" + idempotencyKey);
        if (earlier != null) {
            return new MadePromise(promises.get(earlier), true);
        }
        Promise promise = new Promise(UUID.randomUUID().toString(), p.customerId(), p.customerName(), p.description(),
                p.expectation(), p.promisedBy(), p.owner() == null ? p.promisedBy() : p.owner(), p.channel(),
                p.origin(), p.madeAt(), p.dueAt(), PromiseStatus.OPEN, null, null, null, null, List.of(),
                p.externalRef(), 1, p.contact(), null);
        promises.put(promise.id(), promise);
        if (idempotencyKey != null) {
            keys.put(caller + "|" + idempotencyKey, promise.id());
        }
        return new MadePromise(promise, false);
    }

    void settle(String id, PromiseStatus status) {
        Promise p = promises.get(id);
        promises.put(id, new Promise(p.id(), p.customerId(), p.customerName(), p.description(), p.expectation(),
                p.promisedBy(), p.owner(), p.channel(), p.origin(), p.madeAt(), p.dueAt(), status, null, null, null,
                null, List.of(), p.externalRef(), p.version() + 1, p.contact(), null));
    }

    @Override
    public Optional<Promise> find(String id) {
        return Optional.ofNullable(promises.get(id));
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
    public Promise keep(String id, String evidence, Long expectedVersion, String by) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Promise renegotiate(String id, Instant newDueAt, String reason, Long expectedVersion, String by) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Promise cancel(String id, String reason, Long expectedVersion, String by) {
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
