package org.omotenashi.core.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Runs work in one transaction: everything commits, or on any failure (a refused request included)
 * everything rolls back, so a rejected request never leaves half-written rows.
 */
public final class Transactions {
    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
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
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Read-only work; no transaction bookkeeping beyond the connection's default. */
    public static <T> T read(DataSource dataSource, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(e);
        }
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

    /** A refused duplicate is its own exception, so callers need not dig through causes for it. */
    private static StorageException failure(SQLException e) {
        return isDuplicateKey(e) ? new DuplicateKeyException(e) : new StorageException(e);
    }

}
