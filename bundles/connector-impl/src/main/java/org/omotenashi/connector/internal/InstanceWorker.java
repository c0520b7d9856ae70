package org.omotenashi.connector.internal;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

import org.omotenashi.core.work.Worker;

/**
 * An instance's one thread: it looks every tick whether a poll is due by the suite's clock, and runs the work
 * asked for now (an on-demand sync, a webhook's item) in between, so a poll and a webhook never apply the same
 * item at once.
 */
final class InstanceWorker {
    private final Worker thread;
    private final Worker.Schedule ticks;

    InstanceWorker(String name, long tickMillis, Runnable tick) {
        thread = new Worker("omotenashi-connector-" + name);
        ticks = thread.every("Connector " + name, Duration.ofMillis(tickMillis), Duration.ZERO, tick);
    }

    /** Runs the tick once more as soon as the work queued before it is done: a paused poll goes on at once. */
    void again() {
        ticks.wake();
    }

    /** Runs work on the worker's thread and waits for it at most {@code timeout}. */
    <T> T runNow(Callable<T> work, Duration timeout) throws TimeoutException {
        return thread.runNow("the connector's work", work, timeout);
    }

    void stop() {
        thread.close();
    }
}
