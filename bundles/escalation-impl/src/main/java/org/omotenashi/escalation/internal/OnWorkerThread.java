package org.omotenashi.escalation.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/** Runs work now on a worker's own single thread, so it never overlaps the worker's scheduled runs, and waits for it. */
final class OnWorkerThread {
    private OnWorkerThread() {
    }

    static <T> T run(ExecutorService worker, Callable<T> work, String what) {
        try {
            return worker.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what + " ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(what + " failed", e.getCause());
        }
    }
}
