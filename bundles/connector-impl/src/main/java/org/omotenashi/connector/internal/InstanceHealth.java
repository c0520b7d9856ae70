package org.omotenashi.connector.internal;

import java.time.Duration;
import java.time.Instant;

import org.omotenashi.connector.api.ConnectorState;

/**
 * How an instance is doing, kept in memory: OK, DEGRADED since the first of a run of failures (with the last
 * error), or STOPPED. Also when the next poll is due, backing off while failures last.
 */
final class InstanceHealth {
    private ConnectorState state = ConnectorState.OK;
    private String lastError;
    private Instant since;
    private int failures;
    private Instant nextPollAt;

    InstanceHealth(Instant now) {
        since = now;
        nextPollAt = now;
    }

    synchronized void succeeded(Instant now, Instant next) {
        if (state != ConnectorState.OK) {
            state = ConnectorState.OK;
            since = now;
        }
        lastError = null;
        failures = 0;
        nextPollAt = next;
    }

    /** A failure: DEGRADED (since the first of the run) and the next poll after the back-off. */
    synchronized void failed(String error, Instant now, Duration base, Duration cap) {
        if (state != ConnectorState.DEGRADED) {
            state = ConnectorState.DEGRADED;
            since = now;
        }
        lastError = error;
        failures++;
        int doublings = Math.min(failures - 1, 30);
        Duration wait = base.multipliedBy(1L << doublings);
        nextPollAt = now.plus(wait.compareTo(cap) > 0 ? cap : wait);
    }

    synchronized void stopped(String why, Instant now) {
        if (state != ConnectorState.STOPPED || !why.equals(lastError)) {
            since = state == ConnectorState.STOPPED ? since : now;
            state = ConnectorState.STOPPED;
        }
        lastError = why;
    }

    /** Leaves STOPPED (the adapter came back): the next poll runs at once. */
    synchronized void resumed(Instant now) {
        if (state == ConnectorState.STOPPED) {
            state = ConnectorState.OK;
            lastError = null;
            since = now;
            failures = 0;
            nextPollAt = now;
        }
    }

    synchronized void pollSoon(Instant now) {
        nextPollAt = now;
    }

    synchronized boolean due(Instant now) {
        return state != ConnectorState.STOPPED && !now.isBefore(nextPollAt);
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(state, lastError, since, state == ConnectorState.STOPPED ? null : nextPollAt);
    }

    record Snapshot(ConnectorState state, String lastError, Instant since, Instant nextPollAt) {
    }
}
