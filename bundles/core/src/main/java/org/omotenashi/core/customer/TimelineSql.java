package org.omotenashi.core.customer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

import org.omotenashi.core.db.RowMapper;
import org.omotenashi.core.db.Sql;
import org.omotenashi.core.db.Transactions;

/**
 * The timeline query every source shares, over a table with the columns {@code CUSTOMER_ID},
 * {@code HAPPENED_AT} (epoch milliseconds) and {@code SEQ} (the entry number), indexed in that order: the
 * customer, the window {@code [from, to)}, the place of the cursor and the kinds asked for, newest first, at most
 * one page. A source names only its columns, its tables and how a row reads.
 */
public final class TimelineSql {
    private TimelineSql() {
    }

    /**
     * One page of a source's entries, newest first.
     *
     * @param select     {@code SELECT ... FROM ...} up to, not including, the WHERE clause
     * @param alias      the step table's alias with its dot ({@code "h."}), or empty
     * @param kindColumn the step table's column that holds the kind, without the alias
     * @param entry      reads one row into an entry
     */
    public static List<TimelineEntry> page(DataSource dataSource, String select, String alias, String kindColumn,
                                           TimelineQuery q, RowMapper<TimelineEntry> entry) {
        StringBuilder sql = new StringBuilder(select).append(" WHERE ").append(alias).append("CUSTOMER_ID=?");
        List<Object> args = new ArrayList<>(List.of(q.customerId()));
        window(sql, args, alias, q);
        kinds(sql, args, alias + kindColumn, q.kinds());
        sql.append(" ORDER BY ").append(alias).append("HAPPENED_AT DESC, ").append(alias).append("SEQ DESC FETCH FIRST ")
                .append(q.limit()).append(" ROWS ONLY");
        return Transactions.read(dataSource, c -> Sql.list(c, sql.toString(), entry, args.toArray()));
    }

    /** Appends the window and the cursor's place. */
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
    private static void kinds(StringBuilder sql, List<Object> args, String column, Set<String> kinds) {
        if (kinds.isEmpty()) {
            return;
        }
        sql.append(" AND ").append(column).append(" IN (").append(String.join(",", Collections.nCopies(kinds.size(), "?")))
                .append(")");
        args.addAll(kinds.stream().sorted().toList());
    }
}
