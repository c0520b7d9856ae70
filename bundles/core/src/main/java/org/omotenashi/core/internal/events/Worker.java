package org.omotenashi.core.internal.events;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * One thread running one piece of the event log's work (relay, purge, a consumer): every {@code intervalMillis},
 * at once when woken, and on demand (waiting for the result), on the suite's worker loop.
 */
final class Worker implements AutoCloseable {
    private final String what;
    private final Callable<Integer> work;
    private final org.omotenashi.core.work.Worker thread;
    private final org.omotenashi.core.work.Worker.Schedule schedule;

    /**
     * @param threadName the thread's name, as a thread dump shows it
     * @param what       the work, as the log names it when it fails
     */
    Worker(String threadName, String what, Callable<Integer> work, long intervalMillis) {
        this.what = what;
        this.work = work;
        this.thread = new org.omotenashi.core.work.Worker(threadName);
        this.schedule = thread.every(what, Duration.ofMillis(Math.max(10, intervalMillis)), Duration.ZERO, () -> {
            try {
                work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(what + " failed", e);
            }
        });
    }

    /** Asks for a run as soon as the thread is free; several wakes before it starts make one run. */
    void wake() {
        schedule.wake();
    }

    /** Runs now on the worker's thread and waits for it. */
    int runNow() {
        return thread.runNow(what, work);
    }

    /** Stops the thread; a run under way is interrupted between two events and finishes its transaction. */
    @Override
    public void close() {
        thread.close();
    }
}
