package org.omotenashi.core.outbox;

import static org.junit.Assert.assertEquals;

import java.time.Duration;

import org.junit.Test;

public class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(72),
            Duration.ofMinutes(1));

    @Test
    public void theWaitDoublesWithEachFailure() {
        assertEquals(Duration.ofSeconds(5), policy.after(1));
        assertEquals(Duration.ofSeconds(10), policy.after(2));
        assertEquals(Duration.ofSeconds(40), policy.after(4));
    }

    @Test
    public void theWaitNeverExceedsTheCap() {
        assertEquals(Duration.ofHours(1), policy.after(11));
        assertEquals(Duration.ofHours(1), policy.after(1000));
    }
}
