package org.omotenashi.promises.api;

import java.time.Instant;
import java.util.List;

/**
 * Figures for promises due in {@code [from, to)}, overall and one page of groups.
 *
 * @param next the cursor of the next page of groups, null on the last page
 */
public record PromiseStats(StatsGroup groupBy, Instant from, Instant to, PromiseFigures overall, List<PromiseFigures> groups,
                           String next) {
    public PromiseStats {
        groups = List.copyOf(groups);
    }

    /** Figures whose groups all fit on one page. */
    public PromiseStats(StatsGroup groupBy, Instant from, Instant to, PromiseFigures overall, List<PromiseFigures> groups) {
        this(groupBy, from, to, overall, groups, null);
    }
}
