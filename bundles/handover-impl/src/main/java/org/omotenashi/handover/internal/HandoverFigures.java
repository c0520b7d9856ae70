package org.omotenashi.handover.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.omotenashi.core.calendar.BusinessCalendar;
import org.omotenashi.handover.api.HandedPromise;
import org.omotenashi.handover.api.HandoverStats;
import org.omotenashi.handover.api.TeamAckTimes;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseStatus;
import org.omotenashi.promises.api.PromiseTracker;

/**
 * Turns the handovers of a period into figures. Computed in Java over the period's rows: at the
 * volume of handovers a desk sees, that is simpler than percentiles in SQL that Derby lacks.
 */
final class HandoverFigures {
    static final String NO_TEAM = "(no team)";
    private static final double MILLIS_PER_HOUR = 3_600_000d;

    private final BusinessCalendar calendar;
    private final Supplier<PromiseTracker> tracker;

    HandoverFigures(BusinessCalendar calendar, Supplier<PromiseTracker> tracker) {
        this.calendar = calendar;
        this.tracker = tracker;
    }

    HandoverStats compute(Instant from, Instant to, List<HandoverStore.Submitted> submitted,
                          Map<String, List<HandedPromise>> acceptedPromises) {
        long returned = submitted.stream().filter(s -> s.returns() > 0).count();
        Map<String, List<Double>> hoursPerTeam = new TreeMap<>();
        for (HandoverStore.Submitted s : submitted) {
            if (s.acknowledgedAt() != null) {
                double hours = calendar.businessTimeBetween(s.submittedAt(), s.acknowledgedAt()).toMillis() / MILLIS_PER_HOUR;
                hoursPerTeam.computeIfAbsent(s.serviceTeam() == null ? NO_TEAM : s.serviceTeam(),
                        k -> new ArrayList<>()).add(hours);
            }
        }
        List<TeamAckTimes> ackTimes = new ArrayList<>();
        hoursPerTeam.forEach((team, hours) -> ackTimes.add(new TeamAckTimes(team, hours.size(),
                round(percentile(hours, 50)), round(percentile(hours, 90)))));

        PromiseTracker current = tracker.get();
        long judged = 0;
        long allKept = 0;
        String note = null;
        if (current == null) {
            note = "The promise tracker is not installed, so whether handover promises were kept is unknown.";
        } else {
            for (List<HandedPromise> promises : acceptedPromises.values()) {
                Optional<Boolean> kept = allKept(promises, current);
                if (kept.isPresent()) {
                    judged++;
                    allKept += kept.get() ? 1 : 0;
                }
            }
            if (judged == 0) {
                note = "No accepted handover of the period has all its promises settled yet.";
            }
        }
        return new HandoverStats(from, to, submitted.size(), returned,
                submitted.isEmpty() ? null : round((double) returned / submitted.size()), ackTimes, judged,
                judged == 0 ? null : round((double) allKept / judged), note);
    }

    /**
     * Whether every promise of one handover was kept on time; empty while any is still open or not
     * registered, or when all were cancelled, since such a handover cannot be judged yet or at all.
     */
    static Optional<Boolean> allKept(List<HandedPromise> promises, PromiseTracker tracker) {
        boolean anyJudged = false;
        boolean kept = true;
        for (HandedPromise p : promises) {
            if (p.promiseId() == null) {
                return Optional.empty();
            }
            Optional<Promise> tracked = tracker.find(p.promiseId());
            if (tracked.isEmpty() || tracked.get().status() == PromiseStatus.OPEN) {
                return Optional.empty();
            }
            PromiseStatus status = tracked.get().status();
            if (status != PromiseStatus.CANCELLED) {
                anyJudged = true;
                kept &= status == PromiseStatus.KEPT;
            }
        }
        return anyJudged ? Optional.of(kept) : Optional.empty();
    }

    /** The nearest-rank percentile, except that the median of an even count is the mean of the middle two. */
    static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        if (p == 50 && n % 2 == 0) {
            return (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
        int rank = (int) Math.ceil(p / 100d * n);
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100d;
    }
}
