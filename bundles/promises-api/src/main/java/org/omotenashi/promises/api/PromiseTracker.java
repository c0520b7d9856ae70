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
    /** Groups on one page of figures when the caller names no limit. */
    int DEFAULT_STATS_GROUPS = 100;
    /** The most groups one page of figures holds. */
    int MAX_STATS_GROUPS = 1000;

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

    /** The figures of the period overall and the first page of its groups ({@link #DEFAULT_STATS_GROUPS} at most). */
    default PromiseStats stats(StatsGroup groupBy, Instant from, Instant to) {
        return stats(groupBy, from, to, DEFAULT_STATS_GROUPS, null);
    }

    /**
     * The figures of the period overall and one page of its groups, summed in the database: at most {@code limit}
     * groups (1 to {@link #MAX_STATS_GROUPS}) after the last group of the page whose {@link PromiseStats#next()} is
     * {@code cursor}, in the database's order of the keys. 400 for a limit out of range or a cursor this grouping
     * did not hand out.
     */
    PromiseStats stats(StatsGroup groupBy, Instant from, Instant to, int limit, String cursor);

    /** Breaks open promises past due and flags those coming due; the scheduler calls it every few seconds. */
    SweepResult sweep();
}
