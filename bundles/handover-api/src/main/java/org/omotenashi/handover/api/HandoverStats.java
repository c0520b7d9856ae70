package org.omotenashi.handover.api;

import java.time.Instant;
import java.util.List;

/**
 * Figures over handovers submitted in {@code [from, to)}: acknowledgement times per team, the share
 * returned to sales at least once, and the share of accepted handovers whose promises were all kept
 * on time (null, with a note, when it cannot be known, e.g. without the promise tracker).
 */
public record HandoverStats(
        Instant from,
        Instant to,
        long submitted,
        long returned,
        Double shareReturned,
        List<TeamAckTimes> ackTimes,
        long promisesJudged,
        Double sharePromisesKept,
        String note) {

    public HandoverStats {
        ackTimes = List.copyOf(ackTimes);
    }
}
