package org.omotenashi.escalation.internal;

import java.time.Duration;

/** Exponential back-off between delivery attempts: base · 2^(attempts-1), never more than the cap. */
record Backoff(Duration base, Duration cap) {

    /** How long to wait after the {@code attempts}-th failed attempt (1 for the first). */
    Duration after(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration delay = base.multipliedBy(1L << doublings);
        return delay.compareTo(cap) > 0 ? cap : delay;
    }
}
