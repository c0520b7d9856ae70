package org.omotenashi.core.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Binds a statement's parameters in order, each by the column type it fills, so a NULL is bound
 * with the type Derby and PostgreSQL both need. Instants are epoch milliseconds (see {@link Columns}).
 */
public final class Params {
    private final PreparedStatement statement;
    private int next = 1;

    Params(PreparedStatement statement) {
        this.statement = statement;
    }

    public Params text(String value) throws SQLException {
        statement.setString(next++, value);
        return this;
    }

    /** An enum by its name; NULL when absent. */
    public Params name(Enum<?> value) throws SQLException {
        return text(value == null ? null : value.name());
    }

    public Params number(long value) throws SQLException {
        statement.setLong(next++, value);
        return this;
    }

    /** A BIGINT that may be NULL. */
    public Params number(Long value) throws SQLException {
        if (value == null) {
            statement.setNull(next++, Types.BIGINT);
            return this;
        }
        return number(value.longValue());
    }

    public Params integer(int value) throws SQLException {
        statement.setInt(next++, value);
        return this;
    }

    /** An INTEGER that may be NULL. */
    public Params integer(Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(next++, Types.INTEGER);
            return this;
        }
        return integer(value.intValue());
    }

    /** A SMALLINT that may be NULL. */
    public Params smallint(Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(next++, Types.SMALLINT);
        } else {
            statement.setShort(next++, value.shortValue());
        }
        return this;
    }

    /** An instant as epoch milliseconds; NULL when absent. */
    public Params instant(Instant value) throws SQLException {
        Columns.setInstant(statement, next++, value);
        return this;
    }

    /** Binds each value by its Java type, as {@link Sql}'s argument lists do. */
    public Params values(Object... values) throws SQLException {
        for (Object value : values) {
            value(value);
        }
        return this;
    }

    /**
     * A value by its Java type: text, whole numbers, booleans, instants (epoch milliseconds) and enums
     * (by name). A NULL has no type to go by: bind it with the typed methods above.
     */
    public Params value(Object value) throws SQLException {
        if (value == null) {
            throw new IllegalArgumentException("parameter " + next + " is null: bind it with a typed method");
        } else if (value instanceof String text) {
            return text(text);
        } else if (value instanceof Long number) {
            return number(number.longValue());
        } else if (value instanceof Integer number) {
            return integer(number.intValue());
        } else if (value instanceof Boolean flag) {
            statement.setBoolean(next++, flag);
            return this;
        } else if (value instanceof Instant instant) {
            return instant(instant);
        } else if (value instanceof Enum<?> constant) {
            return name(constant);
        }
        throw new IllegalArgumentException("parameter " + next + " has no column type: " + value.getClass().getName());
    }
}
