package org.omotenashi.core.customer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * The conditions every source's timeline query shares, over a table with the columns {@code CUSTOMER_ID},
 * {@code HAPPENED_AT} (epoch milliseconds) and {@code SEQ} (the entry number), indexed in that order: the window
 * {@code [from, to)}, the place of the cursor and the kinds asked for. Sources append their ORDER BY
 * ({@code HAPPENED_AT DESC, SEQ DESC}) and limit.
 */
public final class TimelineSql {
    private TimelineSql() {
    }

    /**
     * Appends the window and the cursor's place.
     *
     * @param alias the table's alias with its dot ({@code "h."}), or empty
     */
    public static void window(StringBuilder sql, List<Object> args, String alias, TimelineQuery q) {
        if (q.from() != null) {
            sql.append(" AND ").append(alias).append("HAPPENED_AT>=?");
            args.add(q.from().toEpochMilli());
        }
        if (q.to() != null) {
            sql.append(" AND ").append(alias).append("HAPPENED_AT<?");
            args.add(q.to().toEpochMilli());
        }
        if (q.beforeAt() != null) {
            sql.append(" AND (").append(alias).append("HAPPENED_AT<? OR (").append(alias).append("HAPPENED_AT=? AND ")
                    .append(alias).append("SEQ<?))");
            args.add(q.beforeAt().toEpochMilli());
            args.add(q.beforeAt().toEpochMilli());
            args.add(q.beforeSeq());
        }
    }

    /** Appends {@code column IN (...)} for the kinds asked for; nothing when all are. */
    public static void kinds(StringBuilder sql, List<Object> args, String column, java.util.Set<String> kinds) {
        if (kinds.isEmpty()) {
            return;
        }
        sql.append(" AND ").append(column).append(" IN (").append(String.join(",", Collections.nCopies(kinds.size(), "?")))
                .append(")");
        args.addAll(kinds.stream().sorted().toList());
    }

    /** Prepares the statement with its arguments bound in order. */
    public static PreparedStatement prepare(Connection c, String sql, List<Object> args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            return s;
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
