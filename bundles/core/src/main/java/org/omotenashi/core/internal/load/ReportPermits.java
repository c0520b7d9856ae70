package org.omotenashi.core.internal.load;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import org.omotenashi.core.load.ReportGate;
import org.omotenashi.core.load.ReportKind;
import org.omotenashi.core.problem.ProblemException;

/**
 * The permits of each kind of report. A new set of limits takes effect for the requests that enter after it;
 * requests running under the old limits finish and release into the old ones.
 */
final class ReportPermits implements ReportGate {
    private volatile Limits limits = new Limits(Map.of());

    private record Limits(Map<ReportKind, Semaphore> permits, Map<ReportKind, Integer> sizes) {
        Limits(Map<ReportKind, Integer> sizes) {
            this(semaphores(sizes), Map.copyOf(sizes));
        }

        private static Map<ReportKind, Semaphore> semaphores(Map<ReportKind, Integer> sizes) {
            Map<ReportKind, Semaphore> permits = new EnumMap<>(ReportKind.class);
            sizes.forEach((kind, size) -> permits.put(kind, new Semaphore(size)));
            return permits;
        }
    }

    /** @param sizes how many requests of each kind may run at once (at least one); a kind not named is not limited */
    void limit(Map<ReportKind, Integer> sizes) {
        for (Map.Entry<ReportKind, Integer> e : sizes.entrySet()) {
            if (e.getValue() < 1) {
                throw new IllegalArgumentException(e.getKey() + " must allow at least one request at once");
            }
        }
        limits = new Limits(sizes);
    }

    @Override
    public Permit enter(ReportKind kind) {
        Limits now = limits;
        Semaphore permits = now.permits().get(kind);
        if (permits == null) {
            return () -> { };
        }
        if (!permits.tryAcquire()) {
            throw new ProblemException(503, "Too many reports at once", "At most " + now.sizes().get(kind) + " "
                    + kind.name().toLowerCase(Locale.ROOT) + " requests run at once; try again shortly.");
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                permits.release();
            }
        };
    }
}
