package org.omotenashi.connector.internal;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An instance's one thread: it looks every tick whether a poll is due by the suite's clock, and runs the work
 * asked for now (an on-demand sync, a webhook's item) in between, so a poll and a webhook never apply the same
 * item at once.
 */
final class InstanceWorker {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceWorker.class);
    private final ScheduledExecutorService thread;

    InstanceWorker(String name, long tickMillis, Runnable tick) {
        thread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "omotenashi-connector-" + name));
        thread.scheduleWithFixedDelay(() -> {
            try {
                tick.run();
            } catch (RuntimeException e) {
                LOG.warn("Connector {}: a run failed; trying again at the next tick", name, e);
            }
        }, 0, tickMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs work on the worker's thread and waits for it at most {@code timeout}. */
    <T> T runNow(Callable<T> work, Duration timeout) throws TimeoutException {
        Future<T> result = thread.submit(work);
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the connector", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the connector's work failed", e.getCause());
        }
    }


    void stop() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("A connector's worker did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
