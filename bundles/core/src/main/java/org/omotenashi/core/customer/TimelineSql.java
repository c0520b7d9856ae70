package org.omotenashi.core.customer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

import org.omotenashi.core.db.RowMapper;
import org.omotenashi.core.db.Sql;
import org.omotenashi.core.db.Transactions;

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
     * One source's page of a customer's timeline, newest first: {@code select} is the query up to and including
     * its customer condition ({@code ... WHERE t.CUSTOMER_ID=?}); the window, the cursor's place, the kinds asked
     * for, the order and the limit are added here, and each row is mapped by {@code entry}.
     *
     * @param alias      the alias of the table with the timeline columns, with its dot ({@code "t."}), or empty
     * @param kindColumn the column the kinds are compared with, alias included
     */
    public static List<TimelineEntry> page(DataSource dataSource, String select, String alias, String kindColumn,
                                           TimelineQuery q, RowMapper<TimelineEntry> entry) {
        StringBuilder sql = new StringBuilder(select);
        List<Object> args = new ArrayList<>(List.of(q.customerId()));
        window(sql, args, alias, q);
        kinds(sql, args, kindColumn, q.kinds());
        sql.append(" ORDER BY ").append(alias).append("HAPPENED_AT DESC, ").append(alias).append("SEQ DESC FETCH FIRST ")
                .append(q.limit()).append(" ROWS ONLY");
        return Transactions.read(dataSource, c -> Sql.list(c, sql.toString(), entry, args.toArray()));
    }

    /**
     * Appends the window and the cursor's place.
     *
     * @param alias the table's alias with its dot ({@code "h."}), or empty
     */
    private static void window(StringBuilder sql, List<Object> args, String alias, TimelineQuery q) {
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
    private static void kinds(StringBuilder sql, List<Object> args, String column, java.util.Set<String> kinds) {
        if (kinds.isEmpty()) {
            return;
        }
        sql.append(" AND ").append(column).append(" IN (").append(String.join(",", Collections.nCopies(kinds.size(), "?")))
                .append(")");
        args.addAll(kinds.stream().sorted().toList());
    }
}
