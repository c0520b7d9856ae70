package org.omotenashi.core.outbox;

import java.time.Duration;

/**
 * When the outbox tries again and when it gives up.
 *
 * @param base        the wait after the first failed attempt; it doubles after each further one
 * @param cap         the longest wait between attempts
 * @param giveUpAfter how long after its first possible send a failing delivery is given up (FAILED)
 * @param lease       how long an attempt may take at most: a delivery claimed by a worker that died is retaken
 *                    after it, so make it longer than any channel's timeout
 */
public record RetryPolicy(Duration base, Duration cap, Duration giveUpAfter, Duration lease) {

    /** How long to wait after the {@code attempts}-th failed attempt (1 for the first): base · 2^(attempts-1), capped. */
    public Duration after(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration delay = base.multipliedBy(1L << doublings);
        return delay.compareTo(cap) > 0 ? cap : delay;
    }
}
