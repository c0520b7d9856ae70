package org.omotenashi.core.internal.load;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.omotenashi.core.load.ReportGate;
import org.omotenashi.core.load.ReportKind;
import org.omotenashi.core.problem.ProblemException;

/**
 * The permits of each kind of report. A new set of limits takes effect for the requests that enter after it;
 * requests running under the old limits finish and release into the old ones. A refusal advises waiting about as
 * long as a request of its kind has lately taken (between 1 and {@link #MAX_RETRY_AFTER} seconds), so that a
 * crowd of callers comes back when a permit is likely free rather than every second.
 */
final class ReportPermits implements ReportGate {
    static final int MAX_RETRY_AFTER = 60;
    private final LongSupplier nanoTime;
    private final Map<ReportKind, AtomicLong> lately = new EnumMap<>(ReportKind.class);
    private volatile Limits limits = new Limits(Map.of());

    ReportPermits() {
        this(System::nanoTime);
    }

    /** @param nanoTime the clock the time a permit is held is read from */
    ReportPermits(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        for (ReportKind kind : ReportKind.values()) {
            lately.put(kind, new AtomicLong(-1));
        }
    }

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
            throw ProblemException.unavailable("Too many reports at once", "At most " + now.sizes().get(kind) + " "
                    + kind.name().toLowerCase(Locale.ROOT) + " requests run at once; try again shortly.", retryAfter(kind));
        }
        long entered = nanoTime.getAsLong();
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                permits.release();
                took(kind, nanoTime.getAsLong() - entered);
            }
        };
    }

    /** Half the last duration and half what was known before: a few requests move it, one outlier does not. */
    private void took(ReportKind kind, long nanos) {
        lately.get(kind).updateAndGet(before -> before < 0 ? nanos : (before + nanos) / 2);
    }

    /** Seconds a request of the kind has lately taken, rounded up, from 1 to {@link #MAX_RETRY_AFTER}. */
    int retryAfter(ReportKind kind) {
        long nanos = lately.get(kind).get();
        long seconds = nanos <= 0 ? 1 : (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
        return (int) Math.max(1, Math.min(MAX_RETRY_AFTER, seconds));
    }
}
