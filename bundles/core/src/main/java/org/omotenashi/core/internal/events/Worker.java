package org.omotenashi.core.internal.events;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread running one piece of work: every {@code intervalMillis}, at once when woken, and on demand (waiting
 * for the result). Runs never overlap. A failed run is logged and the next one comes as usual.
 */
final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final String name;
    private final Callable<Integer> work;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    Worker(String name, Callable<Integer> work, long intervalMillis) {
        this.name = name;
        this.work = work;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::runQuietly, 0, Math.max(10, intervalMillis), TimeUnit.MILLISECONDS);
    }

    /** Asks for a run as soon as the thread is free; several wakes before it starts make one run. */
    void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    wakeQueued.set(false);
                    runQuietly();
                });
            } catch (RejectedExecutionException e) {
                wakeQueued.set(false); // closed
            }
        }
    }

    /** Runs now on the worker's thread and waits for it. */
    int runNow() {
        try {
            return thread.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + name + " ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(name + " failed", e.getCause());
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException(name + " is stopped", e);
        }
    }

    /** Failed runs in a row: a lasting failure (the database is down) is logged once, not every few seconds. */
    private int failedInARow;

    private void runQuietly() {
        try {
            work.call();
            if (failedInARow > 0) {
                LOG.info("{} works again after {} failed runs", name, failedInARow);
                failedInARow = 0;
            }
        } catch (Exception e) {
            failedInARow++;
            if (failedInARow == 1) {
                LOG.warn("{} failed; it runs again shortly", name, e);
            } else {
                LOG.debug("{} failed again ({} runs in a row): {}", name, failedInARow, e.toString());
            }
        }
    }

    /**
     * Stops the thread; a run under way finishes its transaction. It is interrupted only if it has not
     * finished within 10 s: Derby closes the connection of a thread that is interrupted.
     */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
                LOG.warn("{} did not stop within 10 s", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
