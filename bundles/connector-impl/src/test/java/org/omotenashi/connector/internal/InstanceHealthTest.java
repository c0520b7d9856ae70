package org.omotenashi.connector.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.Test;
import org.omotenashi.connector.api.ConnectorState;

public class InstanceHealthTest {
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final Duration BASE = Duration.ofSeconds(5);
    private static final Duration INTERVAL = Duration.ofSeconds(60);

    @Test
    public void failuresBackOffDoublingUpToThePollIntervalAndKeepTheFirstFailuresTime() {
        InstanceHealth health = new InstanceHealth(T0);
        health.failed("HTTP 503", T0, BASE, INTERVAL);
        assertEquals(T0.plusSeconds(5), health.snapshot().nextPollAt());
        health.failed("HTTP 503", T0.plusSeconds(5), BASE, INTERVAL);
        assertEquals(T0.plusSeconds(15), health.snapshot().nextPollAt());
        for (int i = 0; i < 10; i++) {
            health.failed("timeout", T0.plusSeconds(20), BASE, INTERVAL);
        }
        InstanceHealth.Snapshot degraded = health.snapshot();
        assertEquals(ConnectorState.DEGRADED, degraded.state());
        assertEquals("timeout", degraded.lastError());
        assertEquals("since the first failure", T0, degraded.since());
        assertEquals(T0.plusSeconds(80), degraded.nextPollAt());
        assertFalse(health.due(T0.plusSeconds(79)));
        assertTrue(health.due(T0.plusSeconds(80)));
        health.succeeded(T0.plusSeconds(80), T0.plusSeconds(140));
        assertEquals(ConnectorState.OK, health.snapshot().state());
        assertNull(health.snapshot().lastError());
        health.failed("HTTP 503", T0.plusSeconds(140), BASE, INTERVAL);
        assertEquals("the back-off starts again", T0.plusSeconds(145), health.snapshot().nextPollAt());
    }

    @Test
    public void aStoppedInstanceIsNeverDueUntilResumed() {
        InstanceHealth health = new InstanceHealth(T0);
        health.stopped("no adapter", T0.plusSeconds(1));
        assertFalse(health.due(T0.plusSeconds(3600)));
        assertNull(health.snapshot().nextPollAt());
        health.resumed(T0.plusSeconds(10));
        assertTrue(health.due(T0.plusSeconds(10)));
        assertEquals(ConnectorState.OK, health.snapshot().state());
    }
}
