package org.omotenashi.promises.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.omotenashi.core.model.Page;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Records promises and follows them to kept, broken or renegotiated. Refusals are
 * {@code ProblemException}s (404 unknown id, 409 illegal transition, 412 stale version) and change nothing.
 */
@ProviderType
public interface PromiseTracker {
    /**
     * Records a promise. With an idempotency key, the same caller sending the same promise again gets
     * the first one back instead of a second; the same key with a different promise is a 409.
     */
    MadePromise make(NewPromise promise, String idempotencyKey, String caller);

    /** Records many promises in one transaction, all or none; for migrations from another system. */
    int importAll(List<NewPromise> promises, String caller);

    Optional<Promise> find(String id);

    Page<Promise> list(PromiseQuery query);

    /** @param expectedVersion the version the caller last saw, or null to skip the check */
    Promise keep(String id, String evidence, Long expectedVersion, String by);

    Promise renegotiate(String id, Instant newDueAt, String reason, Long expectedVersion, String by);

    Promise cancel(String id, String reason, Long expectedVersion, String by);

    /** Hands an open or broken promise to another person or team, e.g. when an escalation reassigns it. */
    Promise reassign(String id, String newOwner, String reason, Long expectedVersion, String by);

    PromiseStats stats(StatsGroup groupBy, Instant from, Instant to);

    /** Breaks open promises past due and flags those coming due; the scheduler calls it every few seconds. */
    SweepResult sweep();
}
