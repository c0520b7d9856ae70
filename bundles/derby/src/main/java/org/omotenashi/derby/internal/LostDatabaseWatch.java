package org.omotenashi.derby.internal;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.LoggerFactory;

/**
 * Notices when Derby cannot give back, within this JVM, a database it had open.
 *
 * <p>After a failed write (seen when the disk filled up under concurrent writers), Derby 10.14 can leave the
 * database half shut down for good: the thread that shuts it down waits on a page latch its own statement
 * still holds, or the instance it dropped keeps the database's file lock. From then on every attempt to open
 * the database is refused, as "not found" (its service is still registered, never active) or as "already
 * booted" (the lock), however much room the disk has again, until the JVM ends. When a database that was
 * open has been refused that way without a single success for {@link #GIVE_UP_NANOS}, the watch says so
 * once, at ERROR, and runs its action (the distribution restarts the JVM: see {@link JvmRestart}).
 * A database refused as locked from the start is another process's, and is left alone.
 */
final class LostDatabaseWatch {
    /** Derby's SQLStates for a database it will not open: not found (XJ004), locked (XSDB6). */
    static final Set<String> LOST = Set.of("XJ004", "XSDB6");
    /** How long a database that was open may stay refused before it counts as lost in this JVM. */
    static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String databaseName;
    private final LongSupplier nanoTime;
    private final Runnable whenLost;

    private boolean openedBefore;
    private boolean refusing;
    private long refusedSince;
    private boolean gaveUp;

    LostDatabaseWatch(String databaseName, LongSupplier nanoTime, Runnable whenLost) {
        this.databaseName = databaseName;
        this.nanoTime = nanoTime;
        this.whenLost = whenLost;
    }

    /** Whether the database counts as lost in this JVM (the watch has said so and run its action). */
    synchronized boolean gaveUp() {
        return gaveUp;
    }

    synchronized void opened() {
        openedBefore = true;
        refusing = false;
    }

    /** A failed attempt to open the database: counts only if Derby refused it as not found or locked. */
    void refused(SQLException e) {
        synchronized (this) {
            if (!openedBefore || gaveUp || !isLost(e)) {
                refusing = false;
                return;
            }
            long now = nanoTime.getAsLong();
            if (!refusing) {
                refusing = true;
                refusedSince = now;
                return;
            }
            if (now - refusedSince < GIVE_UP_NANOS) {
                return;
            }
            gaveUp = true;
        }
        LoggerFactory.getLogger(LostDatabaseWatch.class).error("The embedded database {} cannot be opened again in"
                + " this JVM: Derby has refused it for {} s ({}) after it failed while open; only a new JVM"
                + " gets it back", databaseName, TimeUnit.NANOSECONDS.toSeconds(GIVE_UP_NANOS), e.getSQLState());
        whenLost.run();
    }

    static boolean isLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException each = sql; each != null; each = each.getNextException()) {
                    if (LOST.contains(each.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
