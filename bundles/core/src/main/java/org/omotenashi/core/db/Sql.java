package org.omotenashi.core.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The JDBC every store needs, written once: prepare, bind, run, map, close. Each method runs one
 * statement on a connection whose transaction the caller owns ({@link Transactions}). Parameters are
 * either a list of non-null values bound by their Java type (see {@link Params#value}) or a
 * {@link Binder} that binds each by its column type, NULLs included.
 */
public final class Sql {
    /** Rows per JDBC batch: saves round trips, keeps the driver's buffers modest. */
    static final int BATCH_SIZE = 500;

    private Sql() {
    }

    /** Binds the parameters of one statement. */
    @FunctionalInterface
    public interface Binder {
        void bind(Params params) throws SQLException;
    }

    /** Binds the parameters of one item of a batch. */
    @FunctionalInterface
    public interface ItemBinder<T> {
        void bind(Params params, T item) throws SQLException;
    }

    /** Takes each row of a query in turn, for reads too large to hold as a list. */
    @FunctionalInterface
    public interface RowHandler {
        void handle(ResultSet row) throws SQLException;
    }

    /** The first row the query finds, mapped; empty when there is none. */
    public static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        return one(c, sql, p -> p.values(args), mapper);
    }

    public static <T> Optional<T> one(Connection c, String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, binder); ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(mapper.map(rows)) : Optional.empty();
        }
    }

    /** Every row the query finds, mapped, in the order the query gives. */
    public static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        return list(c, sql, p -> p.values(args), mapper);
    }

    public static <T> List<T> list(Connection c, String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
        List<T> found = new ArrayList<>();
        each(c, sql, binder, row -> found.add(mapper.map(row)));
        return found;
    }

    /** Hands each row to {@code handler} without collecting them. */
    public static void each(Connection c, String sql, Binder binder, RowHandler handler) throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, binder); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                handler.handle(rows);
            }
        }
    }

    /** Runs an INSERT, UPDATE or DELETE and returns how many rows it changed. */
    public static int update(Connection c, String sql, Object... args) throws SQLException {
        return update(c, sql, p -> p.values(args));
    }

    public static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, binder)) {
            return statement.executeUpdate();
        }
    }

    /**
     * Runs one statement per item as JDBC batches and returns the update count of each item, in order
     * ({@link Statement#SUCCESS_NO_INFO} where the driver does not say).
     */
    public static <T> int[] batch(Connection c, String sql, Collection<? extends T> items, ItemBinder<T> binder)
            throws SQLException {
        int[] counts = new int[items.size()];
        if (items.isEmpty()) {
            return counts;
        }
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            int done = 0;
            int pending = 0;
            for (T item : items) {
                binder.bind(new Params(statement), item);
                statement.addBatch();
                if (++pending == BATCH_SIZE) {
                    done = copy(statement.executeBatch(), counts, done);
                    pending = 0;
                }
            }
            if (pending > 0) {
                copy(statement.executeBatch(), counts, done);
            }
        }
        return counts;
    }

    /** The items whose statement changed a row, e.g. those a concurrent writer had not changed first. */
    public static <T> List<T> changed(List<T> items, int[] counts) {
        List<T> changed = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 || counts[i] == Statement.SUCCESS_NO_INFO) {
                changed.add(items.get(i));
            }
        }
        return changed;
    }

    private static PreparedStatement prepare(Connection c, String sql, Binder binder) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        try {
            binder.bind(new Params(statement));
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static int copy(int[] from, int[] to, int at) {
        System.arraycopy(from, 0, to, at, from.length);
        return at + from.length;
    }
}
