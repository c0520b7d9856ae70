package org.omotenashi.core.work;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.annotation.versioning.ProviderType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A module's background work on one thread of its own. Tasks run every interval; a failed run is
 * logged and the task runs again at its next interval. Runs on demand ({@link #runNow}) take the same
 * thread, so they never overlap a scheduled run, and the caller waits for their answer. A task that
 * keeps failing (the database is down, say) is logged once with its cause, then quietly until it works
 * again, which is logged too.
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final ScheduledExecutorService thread;
    private final FailureLog log;

    /** @param threadName the name the thread shows in thread dumps, e.g. {@code omotenashi-promise-sweep} */
    public Worker(String threadName) {
        this(threadName, FailureLog.SLF4J);
    }

    Worker(String threadName, FailureLog log) {
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, threadName));
        this.log = log;
    }

    /**
     * Runs {@code task} every {@code interval} (measured from the end of one run to the start of the
     * next), the first time after {@code firstAfter}.
     *
     * @param what names the task in the log, e.g. {@code "Promise sweep"}
     */
    public Schedule every(String what, Duration interval, Duration firstAfter, Runnable task) {
        Streak streak = new Streak(what);
        ScheduledFuture<?> future = thread.scheduleWithFixedDelay(() -> streak.run(task),
                firstAfter.toMillis(), Math.max(1, interval.toMillis()), TimeUnit.MILLISECONDS);
        AtomicBoolean wakeQueued = new AtomicBoolean();
        return new Schedule() {
            @Override
            public void cancel() {
                future.cancel(false);
            }

            @Override
            public void wake() {
                if (!future.isCancelled() && wakeQueued.compareAndSet(false, true)) {
                    try {
                        thread.execute(() -> {
                            wakeQueued.set(false);
                            streak.run(task);
                        });
                    } catch (RejectedExecutionException e) {
                        wakeQueued.set(false); // the module is stopping
                    }
                }
            }
        };
    }

    /**
     * Runs {@code work} now on the worker's thread, after any run in progress, and waits for it. Its
     * failure is the caller's: it is thrown here, not logged.
     */
    public <T> T runNow(String what, Callable<T> work) {
        try {
            return answer(what, submit(what, work), null);
        } catch (TimeoutException e) {
            throw new IllegalStateException("unreachable: no time limit", e);
        }
    }

    /**
     * As {@link #runNow(String, Callable)}, waiting at most {@code timeout}; the run goes on when the wait
     * ends, and its answer is then lost.
     */
    public <T> T runNow(String what, Callable<T> work, Duration timeout) throws TimeoutException {
        return answer(what, submit(what, work), timeout);
    }

    private <T> T answer(String what, java.util.concurrent.Future<T> result, Duration timeout) throws TimeoutException {
        try {
            return timeout == null ? result.get() : result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what + " ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(what + " failed", e.getCause());
        }
    }

    private <T> java.util.concurrent.Future<T> submit(String what, Callable<T> work) {
        try {
            return thread.submit(work);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException(what + " is not running: its module is stopping", e);
        }
    }

    /** Runs {@code work} once on the worker's thread as soon as it is free, without waiting; a failure is logged. */
    public void runSoon(String what, Runnable work) {
        Streak streak = new Streak(what);
        try {
            thread.execute(() -> streak.run(work));
        } catch (RejectedExecutionException e) {
            // The module is stopping: nothing left to run it for.
        }
    }

    /**
     * Stops every task and lets a run in progress finish; a run still going after 10 s is interrupted. Not
     * at once: Derby closes the connection of a thread that is interrupted, so an interrupted run fails with
     * a logged stack trace on every swap of its module.
     */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
                LOG.warn("A background run did not end within 10 s of its module stopping");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A scheduled task; the worker makes it, modules only use it. */
    @ProviderType
    public interface Schedule {
        /** Stops the schedule; a run in progress finishes. */
        void cancel();

        /** Runs the task once more as soon as the thread is free; several wakes before it starts make one run. */
        void wake();
    }

    /** Where failed and recovered runs are reported; SLF4J outside tests. */
    interface FailureLog {
        FailureLog SLF4J = new FailureLog() {
            @Override
            public void failed(String what, RuntimeException failure, int inARow) {
                if (inARow == 1) {
                    LOG.warn("{} failed; retrying at the next interval", what, failure);
                } else {
                    LOG.debug("{} failed again ({} runs in a row): {}", what, inARow, failure.toString());
                }
            }

            @Override
            public void recovered(String what, int failedRuns) {
                LOG.info("{} works again after {} failed runs", what, failedRuns);
            }
        };

        void failed(String what, RuntimeException failure, int inARow);

        void recovered(String what, int failedRuns);
    }

    /** Counts the failed runs of one task in a row, so a lasting failure is reported once. */
    private final class Streak {
        private final String what;
        private int failed;

        Streak(String what) {
            this.what = what;
        }

        void run(Runnable task) {
            try {
                task.run();
                if (failed > 0) {
                    log.recovered(what, failed);
                    failed = 0;
                }
            } catch (RuntimeException e) {
                failed++;
                log.failed(what, e, failed);
            }
        }
    }
}
