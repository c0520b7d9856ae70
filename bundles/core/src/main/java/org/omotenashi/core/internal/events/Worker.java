package org.omotenashi.core.internal.events;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * One thread running one piece of the event log's work (relay, purge, a consumer): every {@code intervalMillis},
 * at once when woken, and on demand (waiting for the result), on the suite's worker loop.
 */
final class Worker implements AutoCloseable {
    private final String name;
    private final Callable<Integer> work;
    private final org.omotenashi.core.work.Worker thread;
    private final org.omotenashi.core.work.Worker.Schedule schedule;

    Worker(String name, Callable<Integer> work, long intervalMillis) {
        this.name = name;
        this.work = work;
        this.thread = new org.omotenashi.core.work.Worker(name);
        this.schedule = thread.every(name, Duration.ofMillis(Math.max(10, intervalMillis)), Duration.ZERO, () -> {
            try {
                work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Asks for a run as soon as the thread is free; several wakes before it starts make one run. */
    void wake() {
        schedule.wake();
    }

    /** Runs now on the worker's thread and waits for it. */
    int runNow() {
        return thread.runNow(name, work);
    }

    /** Stops the thread; a run under way is interrupted between two events and finishes its transaction. */
    @Override
    public void close() {
        thread.close();
    }
}
