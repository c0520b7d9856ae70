package org.omotenashi.core.internal.outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.omotenashi.core.db.Columns;
import org.omotenashi.core.db.Sql;
import org.omotenashi.core.outbox.OutboxAttempt;
import org.omotenashi.core.outbox.OutboxDelivery;
import org.omotenashi.core.outbox.OutboxMessage;
import org.omotenashi.core.outbox.OutboxStatus;

/** SQL for one owner's rows of the outbox, on a connection whose transaction the caller owns. */
public final class OutboxStore {
    private static final String COLUMNS = "ID, OWNER, CHANNEL, REFERENCE, TARGET, PAYLOAD, STATUS, ATTEMPTS, CREATED_AT, "
            + "NOT_BEFORE, NEXT_ATTEMPT_AT, DELIVERED_AT, LAST_ERROR, SECRET";
    private static final int TEXT = 2000;

    private final String owner;

    public OutboxStore(String owner) {
        this.owner = owner;
    }

    /** A delivery that is due, with the secret it was enqueued with. */
    public record Due(OutboxDelivery delivery, String secret) {
    }

    public void insert(Connection c, String id, OutboxMessage m, Instant now) throws SQLException {
        Instant notBefore = m.notBefore() == null ? now : m.notBefore();
        Sql.update(c, "INSERT INTO OUTBOX_DELIVERY (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                p -> p.text(id).text(owner).text(m.channel()).text(m.reference()).text(m.target()).text(m.payload())
                        .name(OutboxStatus.PENDING).integer(0).instant(now).instant(notBefore).instant(notBefore)
                        .instant(null).text(null).text(m.secret()));
    }

    /** Pending deliveries whose time has come, the longest waiting first. */
    public List<Due> due(Connection c, Instant now, int max) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM OUTBOX_DELIVERY WHERE OWNER=? AND STATUS='PENDING' "
                + "AND NEXT_ATTEMPT_AT<=? ORDER BY NEXT_ATTEMPT_AT FETCH FIRST " + max + " ROWS ONLY",
                r -> new Due(delivery(r, List.of()), r.getString(14)), owner, now);
    }

    /**
     * Takes a due delivery for one attempt by pushing its next attempt past {@code leaseUntil}; false when
     * another worker took it first. A worker that dies mid-attempt leaves it to be retried after the lease.
     */
    public boolean claim(Connection c, String id, Instant expectedNextAttempt, Instant leaseUntil) throws SQLException {
        return Sql.update(c, "UPDATE OUTBOX_DELIVERY SET NEXT_ATTEMPT_AT=? WHERE ID=? AND OWNER=? AND STATUS='PENDING' "
                + "AND NEXT_ATTEMPT_AT=?", leaseUntil, id, owner, expectedNextAttempt) == 1;
    }

    public void recordAttempt(Connection c, String id, int attempt, OutboxAttempt a, OutboxStatus status,
                              Instant nextAttemptAt, Instant deliveredAt) throws SQLException {
        Sql.update(c, "INSERT INTO OUTBOX_ATTEMPT (DELIVERY_ID, ATTEMPT, ATTEMPTED_AT, STATUS_CODE, ERROR, DURATION_MS) "
                + "VALUES (?,?,?,?,?,?)", p -> p.text(id).integer(attempt).instant(a.at()).integer(a.statusCode())
                .text(truncate(a.error())).number(a.durationMillis()));
        Sql.update(c, "UPDATE OUTBOX_DELIVERY SET STATUS=?, ATTEMPTS=?, NEXT_ATTEMPT_AT=?, DELIVERED_AT=?, LAST_ERROR=? "
                + "WHERE ID=? AND OWNER=?", p -> p.name(status).integer(attempt).instant(nextAttemptAt)
                .instant(deliveredAt).text(truncate(a.error())).text(id).text(owner));
    }

    /**
     * Deletes up to {@code max} of the owner's finished deliveries (delivered or given up) whose last attempt was
     * before {@code before}, the oldest first, with their attempts.
     *
     * @return how many deliveries were deleted
     */
    public int purgeFinished(Connection c, Instant before, int max) throws SQLException {
        List<String> ids = new ArrayList<>();
        for (OutboxStatus finished : List.of(OutboxStatus.DELIVERED, OutboxStatus.FAILED)) {
            if (ids.size() < max) {
                // A finished row's NEXT_ATTEMPT_AT is the end of its last attempt.
                ids.addAll(Sql.list(c, "SELECT ID FROM OUTBOX_DELIVERY WHERE OWNER=? AND STATUS=? AND NEXT_ATTEMPT_AT<? "
                        + "ORDER BY NEXT_ATTEMPT_AT FETCH FIRST " + (max - ids.size()) + " ROWS ONLY",
                        r -> r.getString(1), owner, finished, before));
            }
        }
        for (String id : ids) {
            Sql.update(c, "DELETE FROM OUTBOX_ATTEMPT WHERE DELIVERY_ID=?", id);
            Sql.update(c, "DELETE FROM OUTBOX_DELIVERY WHERE ID=? AND OWNER=?", id, owner);
        }
        return ids.size();
    }

    /** Whether the owner has a delivery with this reference, whatever its status. */
    public boolean holds(Connection c, String reference) throws SQLException {
        return Sql.one(c, "SELECT 1 FROM OUTBOX_DELIVERY WHERE OWNER=? AND REFERENCE=? FETCH FIRST 1 ROWS ONLY",
                r -> r.getInt(1), owner, reference).isPresent();
    }

    /** How many of the owner's deliveries stand at this status. */
    public long count(Connection c, OutboxStatus status) throws SQLException {
        return Sql.one(c, "SELECT COUNT(*) FROM OUTBOX_DELIVERY WHERE OWNER=? AND STATUS=?", r -> r.getLong(1), owner,
                status).orElse(0L);
    }

    /** The owner's deliveries, newest first, each with its attempts. */
    public List<OutboxDelivery> deliveries(Connection c, OutboxStatus status, String reference, int max) throws SQLException {
        return deliveries(c, status, reference, null, null, max);
    }

    /**
     * The owner's deliveries, newest first (then by id), each with its attempts; when {@code afterCreatedAt} is
     * given, only those after the delivery with that creation time and id in this order.
     */
    public List<OutboxDelivery> deliveries(Connection c, OutboxStatus status, String reference, Instant afterCreatedAt,
                                           String afterId, int max) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM OUTBOX_DELIVERY WHERE OWNER=?");
        List<Object> args = new ArrayList<>(List.of(owner));
        if (afterCreatedAt != null) {
            sql.append(" AND (CREATED_AT<? OR (CREATED_AT=? AND ID>?))");
            args.add(afterCreatedAt);
            args.add(afterCreatedAt);
            args.add(afterId);
        }
        if (status != null) {
            sql.append(" AND STATUS=?");
            args.add(status);
        }
        if (reference != null) {
            sql.append(" AND REFERENCE=?");
            args.add(reference);
        }
        sql.append(" ORDER BY CREATED_AT DESC, ID FETCH FIRST ").append(max).append(" ROWS ONLY");
        List<OutboxDelivery> found = Sql.list(c, sql.toString(), r -> delivery(r, List.of()), args.toArray());
        List<OutboxDelivery> withAttempts = new ArrayList<>();
        for (OutboxDelivery d : found) {
            withAttempts.add(new OutboxDelivery(d.id(), d.owner(), d.channel(), d.reference(), d.target(), d.payload(),
                    d.status(), d.attempts(), d.createdAt(), d.notBefore(), d.nextAttemptAt(), d.deliveredAt(),
                    d.lastError(), attempts(c, d.id())));
        }
        return withAttempts;
    }

    private List<OutboxAttempt> attempts(Connection c, String id) throws SQLException {
        return Sql.list(c, "SELECT ATTEMPTED_AT, STATUS_CODE, ERROR, DURATION_MS FROM OUTBOX_ATTEMPT WHERE DELIVERY_ID=? "
                + "ORDER BY ATTEMPT", r -> {
                    int code = r.getInt(2);
                    Integer statusCode = r.wasNull() ? null : code;
                    return new OutboxAttempt(Columns.instant(r, 1), statusCode, r.getString(3), r.getLong(4));
                }, id);
    }

    /**
     * Rewrites the stored secrets of the owner's deliveries that {@code rewrite} changes (it answers its input
     * for those to keep), e.g. to seal what was stored in the clear or to seal again under a new key.
     */
    public int rewriteSecrets(Connection c, UnaryOperator<String> rewrite) throws SQLException {
        List<String[]> stored = Sql.list(c, "SELECT ID, SECRET FROM OUTBOX_DELIVERY WHERE OWNER=? AND SECRET IS NOT NULL",
                r -> new String[] {r.getString(1), r.getString(2)}, owner);
        int rewritten = 0;
        for (String[] row : stored) {
            String next = rewrite.apply(row[1]);
            if (!next.equals(row[1])) {
                rewritten += Sql.update(c, "UPDATE OUTBOX_DELIVERY SET SECRET=? WHERE ID=? AND OWNER=?", next, row[0], owner);
            }
        }
        return rewritten;
    }

    private static OutboxDelivery delivery(ResultSet r, List<OutboxAttempt> attempts) throws SQLException {
        return new OutboxDelivery(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), OutboxStatus.valueOf(r.getString(7)), r.getInt(8), Columns.instant(r, 9),
                Columns.instant(r, 10), Columns.instant(r, 11), Columns.instant(r, 12), r.getString(13), attempts);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= TEXT ? text : text.substring(0, TEXT - 3) + "...";
    }
}
