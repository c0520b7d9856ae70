package org.omotenashi.core.customer;

import java.time.Instant;
import java.util.Set;

/**
 * What a source is asked for: a customer's entries in {@code [from, to)} (null: unbounded) of the given kinds
 * (empty: all), strictly before ({@code beforeAt}, {@code beforeSeq}) when {@code beforeAt} is set — at an earlier
 * instant, or at the same instant with a lower entry number — newest first, at most {@code limit}.
 */
public record TimelineQuery(String customerId, Instant from, Instant to, Set<String> kinds, Instant beforeAt,
                            long beforeSeq, int limit) {
    public TimelineQuery {
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
    }

    /** Whether an entry of this kind (e.g. {@code KEPT} of source {@code promise}) is asked for. */
    public boolean wants(String kind) {
        return kinds.isEmpty() || kinds.contains(kind);
    }
}
