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
 * <li>after a failed attempt to connect (the database shut itself down and cannot boot, the disk is
 *     full) it refuses at once for a short, growing pause before it tries again, so callers fail fast and
 *     Derby's log gets one failed boot per pause instead of one per request.</li>
 * </ul>
 */
final class GuardedDataSource implements DataSource {
    static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    static final long LONGEST_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(4);

    private final EmbeddedDataSource database;
    private final LongSupplier nanoTime;
    private final ReadWriteLock openness = new ReentrantReadWriteLock();
    private boolean closed;

    private final Object failures = new Object();
    private SQLException lastFailure;
    private long retryAt;
    private long pause;

    GuardedDataSource(EmbeddedDataSource database) {
        this(database, System::nanoTime);
    }

    GuardedDataSource(EmbeddedDataSource database, LongSupplier nanoTime) {
        this.database = database;
        this.nanoTime = nanoTime;
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
            return connection;
        } catch (SQLException e) {
            failed(e);
            throw e;
        } finally {
            openness.readLock().unlock();
        }
    }

    private void refuseWhilePaused() throws SQLException {
        synchronized (failures) {
            if (lastFailure != null && nanoTime.getAsLong() - retryAt < 0) {
                throw new SQLException("The embedded database " + database.getDatabaseName() + " could not be opened a"
                        + " moment ago (" + lastFailure.getMessage() + "); not trying again yet", "08001", lastFailure);
            }
        }
    }

    private void succeeded() {
        synchronized (failures) {
            lastFailure = null;
            pause = 0;
        }
    }

    private void failed(SQLException e) {
        if (closed) {
            return;
        }
        synchronized (failures) {
            pause = pause == 0 ? FIRST_PAUSE_NANOS : Math.min(pause * 2, LONGEST_PAUSE_NANOS);
            lastFailure = e;
            retryAt = nanoTime.getAsLong() + pause;
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
            shutDown();
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

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        database.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return database.getLoginTimeout();
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
