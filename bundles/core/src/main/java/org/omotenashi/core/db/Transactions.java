package org.omotenashi.core.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;


/**
 * Runs work in one transaction: everything commits, or on any failure (a refused request included)
 * everything rolls back, so a rejected request never leaves half-written rows.
 */
public final class Transactions {
    private Transactions() {
    }

    public static <T> T inTransaction(DataSource dataSource, SqlWork<T> work) {
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
