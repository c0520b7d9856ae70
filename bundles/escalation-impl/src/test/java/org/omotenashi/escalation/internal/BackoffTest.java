package org.omotenashi.escalation.internal;

import static org.junit.Assert.assertEquals;

import java.time.Duration;

import org.junit.Test;

public class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofHours(1));

    @Test
    public void theWaitDoublesWithEachFailure() {
        assertEquals(Duration.ofSeconds(5), backoff.after(1));
        assertEquals(Duration.ofSeconds(10), backoff.after(2));
        assertEquals(Duration.ofSeconds(40), backoff.after(4));
    }

    @Test
    public void theWaitNeverExceedsTheCap() {
        assertEquals(Duration.ofHours(1), backoff.after(11));
        assertEquals(Duration.ofHours(1), backoff.after(1000));
    }
}
