package org.omotenashi.core.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work in one transaction: everything commits, or on any failure (a refused request included)
 * everything rolls back, so a rejected request never leaves half-written rows.
 *
 * <p>What a failure says must be true. Before the commit, nothing was stored ({@link StorageException}).
 * Once the database has confirmed the commit, nothing that happens to the connection afterwards turns
 * the answer into a failure. A commit the database neither confirmed nor refused has an unknown outcome
 * ({@link OutcomeUnknownException}).
 */
public final class Transactions {
    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

    /** Commits confirmed on each thread; the web layer compares the count before and after a request. */
    private static final ThreadLocal<long[]> COMMITS = ThreadLocal.withInitial(() -> new long[1]);

    /** How long a failed write counts against a data source when nothing has been committed since. */
    static final long FAILING_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** Per data source: when a write last failed for a reason of the database's, and when one last committed. */
    private static final Map<DataSource, long[]> WRITES = Collections.synchronizedMap(new WeakHashMap<>());
    private static final int FAULT = 0;
    private static final int COMMIT = 1;

    /** Per thread, the after-commit actions of each transaction open on it, innermost first. */
    private static final ThreadLocal<Deque<List<Runnable>>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private Transactions() {
    }

    public static <T> T inTransaction(DataSource dataSource, SqlWork<T> work) {
        List<Runnable> afterCommit = new ArrayList<>();
        Deque<List<Runnable>> open = OPEN.get();
        open.push(afterCommit);
        T result;
        try {
            result = commitOrRollBack(dataSource, work);
        } finally {
            open.pop();
            if (open.isEmpty()) {
                OPEN.remove();
            }
        }
        for (Runnable action : afterCommit) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("An action after a commit failed; the commit stands", e);
            }
        }
        return result;
    }

    /**
     * As {@link #inTransaction(DataSource, SqlWork)}, and when a unique key refuses a row (a concurrent
     * request took it first), everything rolls back and {@code onDuplicateKey} gives the answer instead:
     * the refusal that request would have met, or what it made.
     */
    public static <T> T inTransaction(DataSource dataSource, SqlWork<T> work,
                                      Function<DuplicateKeyException, T> onDuplicateKey) {
        try {
            return inTransaction(dataSource, work);
        } catch (DuplicateKeyException e) {
            return onDuplicateKey.apply(e);
        }
    }

    /**
     * Runs {@code action} once the transaction this thread is working in has committed, and never when it rolls
     * back; outside a transaction, at once. The event log uses it to wake its relay the moment an event is visible.
     */
    public static void afterCommit(Runnable action) {
        Deque<List<Runnable>> open = OPEN.get();
        if (open.isEmpty()) {
            OPEN.remove();
            action.run();
        } else {
            open.peek().add(action);
        }
    }

    private static <T> T commitOrRollBack(DataSource dataSource, SqlWork<T> work) {
        Connection connection = connect(dataSource);
        T result;
        try {
            result = runAndCommit(connection, work);
        } catch (StorageException e) {
            closeAfterFailure(connection, e);
            noteFault(dataSource, e);
            throw e;
        } catch (RuntimeException | Error e) {
            closeAfterFailure(connection, e);
            throw e;
        }
        COMMITS.get()[0]++;
        note(dataSource, COMMIT);
        // Stored and confirmed: from here on, a failing connection is the pool's business, not the caller's.
        try {
            connection.setAutoCommit(true);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Restoring auto-commit after a confirmed commit failed; the commit stands", e);
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Closing a connection after a confirmed commit failed; the commit stands", e);
        }
        return result;
    }

    private static <T> T runAndCommit(Connection connection, SqlWork<T> work) {
        T result;
        try {
            connection.setAutoCommit(false);
            result = work.run(connection);
        } catch (SQLException e) {
            rollback(connection, e);
            throw failure(e);
        } catch (RuntimeException | Error e) {
            rollback(connection, e);
            throw e;
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            rollback(connection, e);
            throw notConfirmed(e);
        }
        return result;
    }

    /**
     * A commit that failed. Some failures prove the transaction was not applied: the connection was
     * already gone (SQLState 08003, so the commit never reached the database, which rolls back the work
     * of a connection it loses), or the database rolled it back (class 40) or refused it (class 23).
     * Anything else may have happened after the database made the commit durable.
     */
    static StorageException notConfirmed(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("08003") || state.startsWith("40") || state.startsWith("23")) {
            return failure(e);
        }
        return new OutcomeUnknownException(e);
    }

    /** Read-only work; no transaction bookkeeping beyond the connection's default. */
    public static <T> T read(DataSource dataSource, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * How many transactions the current thread has committed so far. A caller that notes it before a
     * request and compares it afterwards knows whether a failure came after something was already stored.
     */
    public static long commitsOnThisThread() {
        return COMMITS.get()[0];
    }

    /** True when the database refused a row because a unique key already holds it. */
    public static boolean isDuplicateKey(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static Connection connect(DataSource dataSource) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            StorageException failure = failure(e);
            noteFault(dataSource, failure);
            throw failure;
        }
    }

    /**
     * True while writes through this data source fail for a reason of the database's (it is gone, its disk
     * is full), not a refusal of the data: the last such failure is under a minute old and nothing has been
     * committed since. Health reports the database as down meanwhile.
     */
    public static boolean writesFailing(DataSource dataSource) {
        long[] times = WRITES.get(dataSource);
        if (times == null) {
            return false;
        }
        synchronized (times) {
            return times[FAULT] != 0 && times[FAULT] - times[COMMIT] > 0 && System.nanoTime() - times[FAULT] < FAILING_NANOS;
        }
    }

    private static void noteFault(DataSource dataSource, StorageException failure) {
        if (failure.getCause() instanceof SQLException sql && refusal(sql)) {
            return;
        }
        note(dataSource, FAULT);
    }

    /** The database refused the data (a duplicate, a conflict, a value it cannot take) but works. */
    static boolean refusal(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("22") || state.startsWith("23") || state.startsWith("40") || state.startsWith("42");
    }

    private static void note(DataSource dataSource, int which) {
        long[] times = WRITES.computeIfAbsent(dataSource, d -> new long[2]);
        synchronized (times) {
            times[which] = System.nanoTime();
        }
    }

    /** Uncommitted work never becomes durable, so a rollback that fails only gets noted on the failure. */
    private static void rollback(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void closeAfterFailure(Connection connection, Throwable failure) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** A refused duplicate is its own exception, so callers need not dig through causes for it. */
    private static StorageException failure(SQLException e) {
        return isDuplicateKey(e) ? new DuplicateKeyException(e) : new StorageException(e);
    }
}
