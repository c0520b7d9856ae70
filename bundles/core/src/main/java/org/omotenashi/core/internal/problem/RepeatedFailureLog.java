package org.omotenashi.core.internal.problem;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a failure that repeats (the database is down, the disk is full) once per interval, with how many
 * more there were, instead of one stack trace per request. Each occurrence keeps its reference: the
 * first of an interval is logged at ERROR, the others at DEBUG.
 */
final class RepeatedFailureLog {
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int MAX_KINDS = 64;

    /** Where reports go; SLF4J in production, a list in tests. */
    interface Sink {
        void error(String message, Throwable failure);

        void debug(String message);
    }

    private final Sink sink;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RepeatedFailureLog(Class<?> owner) {
        this(slf4j(LoggerFactory.getLogger(owner)), System::nanoTime);
    }

    RepeatedFailureLog(Sink sink, LongSupplier nanoTime) {
        this.sink = sink;
        this.nanoTime = nanoTime;
    }

    void failed(String reference, Throwable failure) {
        String kind = kindOf(failure);
        long now = nanoTime.getAsLong();
        if (windows.size() > MAX_KINDS) {
            windows.clear();
        }
        long[] repeatedBefore = {-1};
        windows.compute(kind, (k, window) -> {
            if (window == null || now - window.start >= INTERVAL_NANOS) {
                repeatedBefore[0] = window == null ? 0 : window.repeated;
                return new Window(now);
            }
            window.repeated++;
            return window;
        });
        if (repeatedBefore[0] < 0) {
            sink.debug("Storage failed again, reference " + reference + ": " + kind);
        } else if (repeatedBefore[0] == 0) {
            sink.error("Storage failed, reference " + reference, failure);
        } else {
            sink.error("Storage failed, reference " + reference + "; the same failure happened " + repeatedBefore[0]
                    + " more times in the interval before, logged at DEBUG", failure);
        }
    }

    /** The same failure again: the same exception and SQLState at the root. */
    static String kindOf(Throwable failure) {
        Throwable root = failure;
        String state = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            root = t;
            if (state == null && t instanceof SQLException sql) {
                state = sql.getSQLState();
            }
        }
        return root.getClass().getName() + (state == null ? "" : " (SQLState " + state + ")");
    }

    private static Sink slf4j(Logger log) {
        return new Sink() {
            @Override
            public void error(String message, Throwable failure) {
                log.error(message, failure);
            }

            @Override
            public void debug(String message) {
                log.debug(message);
            }
        };
    }

    private static final class Window {
        final long start;
        long repeated;

        Window(long start) {
            this.start = start;
        }
    }
}
