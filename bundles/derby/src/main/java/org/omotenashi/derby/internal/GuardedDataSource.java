package org.omotenashi.derby.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.slf4j.LoggerFactory;

/**
 * One embedded Derby database, opened on demand, with two guards:
 * <ul>
 * <li>once closed, it never opens the database again (no connection boots a stopped engine), and closing
 *     shuts the database down, which releases it for the next engine;</li>
 * <li>after the database failed (it could not be opened, or it shut itself down because it could not
 *     write, as on a full disk) it refuses new connections at once for a short pause, growing while the
 *     failures go on, before it lets Derby open the database again. Callers fail fast, and Derby boots
 *     and recovers the database once per pause instead of once per request. And it lets Derby try only
 *     once the disk has room again: a boot that fails half-way on a full disk leaves Derby holding the
 *     database's lock (with a thread of its own), and every later boot in this JVM is refused
 *     ("Another instance of Derby may have already booted the database").</li>
 * </ul>
 * And when Derby cannot give a database back within this JVM at all, it says so: see {@link LostDatabaseWatch}.
 */
final class GuardedDataSource implements DataSource {
    static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    static final long LONGEST_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** After this long without a failure, the next one starts again at the first pause. */
    static final long CALM_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** Derby reports the severity of an error as its error code; from this one on the database is gone. */
    static final int DATABASE_SEVERITY = 45000;
    /** Room a database's disk needs before Derby may open it again after a failure: a log file and a checkpoint. */
    static final long ROOM_TO_REOPEN = 16L << 20;

    private final EmbeddedDataSource database;
    private final LongSupplier nanoTime;
    private final ReadWriteLock openness = new ReentrantReadWriteLock();
    private volatile int loginTimeout;
    private boolean closed;

    private final Object failures = new Object();
    private SQLException lastFailure;
    private long failedAt;
    private long retryAt;
    private long pause;

    private final LongSupplier freeBytes;
    private final LostDatabaseWatch lost;

    GuardedDataSource(EmbeddedDataSource database, Runnable whenLost) {
        this(database, System::nanoTime, () -> usableSpace(database.getDatabaseName()), whenLost);
    }

    GuardedDataSource(EmbeddedDataSource database, LongSupplier nanoTime) {
        this(database, nanoTime, () -> usableSpace(database.getDatabaseName()));
    }

    GuardedDataSource(EmbeddedDataSource database, LongSupplier nanoTime, LongSupplier freeBytes) {
        this(database, nanoTime, freeBytes, () -> { });
    }

    GuardedDataSource(EmbeddedDataSource database, LongSupplier nanoTime, LongSupplier freeBytes,
                      Runnable whenLost) {
        this.database = database;
        this.nanoTime = nanoTime;
        this.freeBytes = freeBytes;
        this.lost = new LostDatabaseWatch(database.getDatabaseName(), nanoTime, whenLost);
    }

    /** Free bytes on the disk of the database's directory (or of its nearest existing parent); unknown: plenty. */
    static long usableSpace(String databaseName) {
        if (databaseName == null || databaseName.startsWith("memory:")) {
            return Long.MAX_VALUE;
        }
        try {
            for (java.nio.file.Path p = java.nio.file.Path.of(databaseName).toAbsolutePath(); p != null; p = p.getParent()) {
                if (java.nio.file.Files.exists(p)) {
                    return java.nio.file.Files.getFileStore(p).getUsableSpace();
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // cannot tell: let Derby try
        }
        return Long.MAX_VALUE;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(null, null);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return connect(user, password);
    }

    private Connection connect(String user, String password) throws SQLException {
        refuseWhilePaused();
        openness.readLock().lock();
        try {
            if (closed) {
                throw new SQLException("The embedded database " + database.getDatabaseName() + " has been shut down",
                        "08001");
            }
            Connection connection = user == null ? database.getConnection() : database.getConnection(user, password);
            succeeded();
            return Watched.connection(connection, this::watch);
        } catch (SQLException e) {
            failed(e);
            lost.refused(e);
            throw e;
        } finally {
            openness.readLock().unlock();
        }
    }

    private void refuseWhilePaused() throws SQLException {
        synchronized (failures) {
            if (lastFailure == null) {
                return;
            }
            if (nanoTime.getAsLong() - retryAt < 0) {
                throw new SQLException("The embedded database " + database.getDatabaseName() + " could not be opened a"
                        + " moment ago (" + lastFailure.getMessage() + "); not trying again yet", "08001", lastFailure);
            }
            long free = freeBytes.getAsLong();
            if (free < ROOM_TO_REOPEN) {
                retryAt = nanoTime.getAsLong() + pause;
                throw new SQLException("The disk of the embedded database " + database.getDatabaseName() + " has "
                        + (free >> 20) + " MiB free; not opening it again until it has " + (ROOM_TO_REOPEN >> 20)
                        + " MiB", "08001", lastFailure);
            }
        }
    }

    private void succeeded() {
        synchronized (failures) {
            lastFailure = null;
        }
        lost.opened();
    }

    /** An error on an open connection: from database severity on, Derby has shut the database down. */
    void watch(SQLException e) {
        if (e.getErrorCode() >= DATABASE_SEVERITY) {
            failed(e);
        }
    }

    private void failed(SQLException e) {
        if (closed) {
            return;
        }
        synchronized (failures) {
            long now = nanoTime.getAsLong();
            boolean calmBefore = pause == 0 || now - failedAt >= CALM_NANOS;
            pause = calmBefore ? FIRST_PAUSE_NANOS : Math.min(pause * 2, LONGEST_PAUSE_NANOS);
            lastFailure = e;
            failedAt = now;
            retryAt = now + pause;
        }
    }

    /** Refuses connections from now on; waits for connections being opened, then shuts the database down. */
    void close() {
        openness.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (lost.gaveUp()) {
                // Derby cannot give it back in this JVM, nor shut it down: asked to, Derby 10.14 was seen making
                // hundreds of thousands of contexts in two seconds until the heap ran out, instead of the restart.
                // The restart that follows releases the database.
                LoggerFactory.getLogger(GuardedDataSource.class).info("The embedded database {} is lost in this JVM;"
                        + " not shut down", database.getDatabaseName());
            } else {
                shutDown();
            }
        } finally {
            openness.writeLock().unlock();
        }
    }

    private void shutDown() {
        EmbeddedDataSource shutdown = new EmbeddedDataSource();
        shutdown.setDatabaseName(database.getDatabaseName());
        shutdown.setUser(database.getUser());
        shutdown.setPassword(database.getPassword());
        shutdown.setShutdownDatabase("shutdown");
        try {
            shutdown.getConnection().close();
        } catch (SQLException e) {
            // Derby reports a clean shutdown as an exception: 08006. XJ004: it was not booted at all.
            if (!"08006".equals(e.getSQLState()) && !"XJ004".equals(e.getSQLState())) {
                LoggerFactory.getLogger(GuardedDataSource.class)
                        .warn("Shutting down the embedded database {} failed", database.getDatabaseName(), e);
            }
        }
    }

    String databaseName() {
        return database.getDatabaseName();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return database.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        database.setLogWriter(out);
    }

    /**
     * Noted, not passed on. Opening an embedded database boots and, after a crash, recovers it, which takes
     * as long as it takes on a busy machine; a pool's login timeout (it sets one from its own connection
     * timeout) would only make that fail, and a failed first connection leaves the pool never created.
     */
    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return database.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
