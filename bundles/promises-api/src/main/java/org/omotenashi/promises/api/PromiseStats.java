package org.omotenashi.promises.api;

import java.time.Instant;
import java.util.List;

/** Figures for promises due in {@code [from, to)}, overall and per group. */
public record PromiseStats(StatsGroup groupBy, Instant from, Instant to, PromiseFigures overall, List<PromiseFigures> groups) {
    public PromiseStats {
        groups = List.copyOf(groups);
    }
}
