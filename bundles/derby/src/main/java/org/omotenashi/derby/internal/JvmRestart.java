package org.omotenashi.derby.internal;

import java.util.function.IntConsumer;

import org.slf4j.LoggerFactory;

/**
 * Restarts the JVM: it ends at once with exit code 10, on which {@code bin/karaf} starts a new one (under
 * {@code bin/start} or a service manager, the manager starts it again on that exit code). The framework is not
 * stopped first: stopping it stops Derby's own bundle, whose activator shuts the whole engine down, and with the
 * lost database in it Derby 10.14 makes contexts until the heap runs out (seen in a CI run: "Shutting down Derby
 * engine", then an OutOfMemoryError, and the JVM ended with exit code 3, which nothing restarts). Ending at once
 * is what a kill does, which the suite survives: what was committed is on disk; what was in flight was already
 * refused with 503 while the database was lost.
 */
final class JvmRestart implements Runnable {
    /** Karaf's launcher and scripts start a new JVM on this exit code. */
    static final int RESTART_EXIT_CODE = 10;

    private final IntConsumer halt;

    JvmRestart() {
        this(code -> Runtime.getRuntime().halt(code));
    }

    JvmRestart(IntConsumer halt) {
        this.halt = halt;
    }

    @Override
    public void run() {
        // The log's appender writes through at once, so this line is on disk before the JVM ends.
        LoggerFactory.getLogger(JvmRestart.class).error("Restarting the JVM to get the embedded database back");
        halt.accept(RESTART_EXIT_CODE);
    }
}
