package org.omotenashi.core.internal.events;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The core's background {@link org.omotenashi.core.work.Worker} for one piece of the log's work (the relay, the
 * purge, one consumer): it runs every interval and on demand, and it can also be woken, when a commit or a relay
 * means there is something to do now. Wakes that come before the woken run starts make one run.
 */
final class Worker implements AutoCloseable {
    private final org.omotenashi.core.work.Worker thread;
    private final String what;
    private final Callable<Integer> work;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    Worker(String threadName, String what, Callable<Integer> work, long intervalMillis) {
        this.thread = new org.omotenashi.core.work.Worker(threadName);
        this.what = what;
        this.work = work;
        thread.every(what, Duration.ofMillis(Math.max(10, intervalMillis)), Duration.ZERO, this::runOnce);
    }

    /** Asks for a run as soon as the thread is free. */
    void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            thread.runSoon(what, () -> {
                wakeQueued.set(false);
                runOnce();
            });
        }
    }

    /** Runs now on the worker's thread and waits for it; its failure is the caller's. */
    int runNow() {
        return thread.runNow(what, work);
    }

    private void runOnce() {
        try {
            work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(what + " failed", e);
        }
    }

    @Override
    public void close() {
        thread.close();
    }
}
