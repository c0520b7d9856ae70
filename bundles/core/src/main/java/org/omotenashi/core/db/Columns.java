package org.omotenashi.core.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * The suite stores instants as epoch milliseconds in BIGINT columns: the same in Derby and
 * PostgreSQL, and free of the database's idea of a time zone.
 */
public final class Columns {
    private Columns() {
    }

    public static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value.toEpochMilli());
        }
    }

    /** The instant in a column, or null where the column is NULL. */
    public static Instant instant(ResultSet row, int index) throws SQLException {
        long value = row.getLong(index);
        return row.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
