package org.omotenashi.promises.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import org.omotenashi.core.db.Columns;
import org.omotenashi.core.db.Params;
import org.omotenashi.core.db.OrderedIds;
import org.omotenashi.core.db.Sql;
import org.omotenashi.core.json.Json;
import org.omotenashi.promises.api.Channel;
import org.omotenashi.promises.api.Contact;
import org.omotenashi.promises.api.Origin;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseAction;
import org.omotenashi.promises.api.PromiseChange;
import org.omotenashi.promises.api.PromiseQuery;
import org.omotenashi.promises.api.PromiseStatus;
import org.omotenashi.promises.api.Renegotiation;

/** SQL for promises, one statement per method, on a connection whose transaction the caller owns. */
final class PromiseStore {
    private static final String COLUMNS = "ID, CUSTOMER_ID, CUSTOMER_NAME, DESCRIPTION, EXPECTATION, PROMISED_BY, OWNER, "
            + "CHANNEL, ORIGIN_TYPE, ORIGIN_REF, MADE_AT, DUE_AT, STATUS, KEPT_AT, EVIDENCE, BROKEN_AT, CANCEL_REASON, "
            + "RENEGOTIATIONS, EXTERNAL_REF, VERSION, CONTACT_NAME, CONTACT_EMAIL, CONTACT_PHONE, CONTACT_LANGUAGE";
    private static final String DUE_COLUMNS = "ID, CUSTOMER_ID, OWNER, DUE_AT, ORIGIN_TYPE, ORIGIN_REF, CONTACT_EMAIL, "
            + "CONTACT_LANGUAGE";
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() { };
    private static final TypeReference<List<Renegotiation>> HISTORY = new TypeReference<>() { };

    /** The fields the sweep needs to write its events, without loading whole promises. */
    record Due(String id, String customerId, String owner, long dueAt, String originType, String originRef,
               String contactEmail, String language) {
    }

    /** A history step and the promise it belongs to. */
    record Changed(String promiseId, String customerId, PromiseChange change) {
    }

    private static final String INSERT = "INSERT INTO PROMISE (" + COLUMNS
            + ", RENEGOTIATION_COUNT) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    void insert(Connection c, Promise p) throws SQLException {
        Sql.update(c, INSERT, params -> bind(params, p).integer(p.renegotiations().size()));
    }

    void insertAll(Connection c, List<Promise> promises) throws SQLException {
        Sql.batch(c, INSERT, promises, (params, p) -> bind(params, p).integer(0));
    }

    /** Writes a changed promise if nobody else changed it since {@code p.version() - 1}. */
    boolean update(Connection c, Promise p) throws SQLException {
        return Sql.update(c, "UPDATE PROMISE SET OWNER=?, DUE_AT=?, STATUS=?, KEPT_AT=?, EVIDENCE=?, "
                + "BROKEN_AT=?, CANCEL_REASON=?, RENEGOTIATIONS=?, RENEGOTIATION_COUNT=?, VERSION=?, "
                + "DUE_SOON_AT=CASE WHEN DUE_AT=? THEN DUE_SOON_AT ELSE NULL END WHERE ID=? AND VERSION=?",
                params -> params.text(p.owner()).instant(p.dueAt()).name(p.status()).instant(p.keptAt())
                        .text(p.evidence()).instant(p.brokenAt()).text(p.cancelReason())
                        .text(history(p.renegotiations())).integer(p.renegotiations().size()).number(p.version())
                        .instant(p.dueAt()).text(p.id()).number(p.version() - 1)) == 1;
    }

    Optional<Promise> find(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM PROMISE WHERE ID=?", PromiseStore::read, id);
    }

    /** Keyset paging on (DUE_AT, ID): stable while promises are added or change status. */
    List<Promise> list(Connection c, PromiseQuery q, Long afterDueAt, String afterId) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM PROMISE WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.status() != null) {
            sql.append(" AND STATUS=?");
            args.add(q.status());
        }
        if (q.customerId() != null) {
            sql.append(" AND CUSTOMER_ID=?");
            args.add(q.customerId());
        }
        if (q.owner() != null) {
            sql.append(" AND OWNER=?");
            args.add(q.owner());
        }
        if (q.dueBefore() != null) {
            sql.append(" AND DUE_AT<?");
            args.add(q.dueBefore());
        }
        if (q.dueAfter() != null) {
            sql.append(" AND DUE_AT>=?");
            args.add(q.dueAfter());
        }
        if (afterDueAt != null) {
            sql.append(" AND (DUE_AT>? OR (DUE_AT=? AND ID>?))");
            args.add(afterDueAt);
            args.add(afterDueAt);
            args.add(afterId);
        }
        sql.append(" ORDER BY DUE_AT, ID FETCH FIRST ").append(q.limit() + 1).append(" ROWS ONLY");
        return Sql.list(c, sql.toString(), PromiseStore::read, args.toArray());
    }

    /** Open promises whose due date passed, oldest first, at most {@code max}. */
    List<Due> overdue(Connection c, Instant now, int max) throws SQLException {
        return Sql.list(c, "SELECT " + DUE_COLUMNS + " FROM PROMISE "
                + "WHERE STATUS='OPEN' AND DUE_AT<? ORDER BY DUE_AT FETCH FIRST " + max + " ROWS ONLY", PromiseStore::due, now);
    }

    /** Open promises due before {@code horizon} not yet flagged as coming due. */
    List<Due> comingDue(Connection c, Instant horizon, int max) throws SQLException {
        return Sql.list(c, "SELECT " + DUE_COLUMNS + " FROM PROMISE "
                + "WHERE STATUS='OPEN' AND DUE_AT<? AND DUE_SOON_AT IS NULL ORDER BY DUE_AT FETCH FIRST " + max
                + " ROWS ONLY", PromiseStore::due, horizon);
    }

    /** Marks each promise broken and returns those it really changed (a keep may have won the race). */
    List<Due> markBroken(Connection c, List<Due> due, Instant now) throws SQLException {
        return Sql.changed(due, Sql.batch(c, "UPDATE PROMISE SET STATUS='BROKEN', BROKEN_AT=?, VERSION=VERSION+1 "
                + "WHERE ID=? AND STATUS='OPEN'", due, (params, d) -> params.instant(now).text(d.id())));
    }

    List<Due> markDueSoon(Connection c, List<Due> due, Instant now) throws SQLException {
        return Sql.changed(due, Sql.batch(c, "UPDATE PROMISE SET DUE_SOON_AT=? WHERE ID=? AND DUE_SOON_AT IS NULL",
                due, (params, d) -> params.instant(now).text(d.id())));
    }

    /** Per group and status: how many came due in [from, to), and how many of them were renegotiated. */
    List<Object[]> figures(Connection c, String groupColumn, Instant from, Instant to) throws SQLException {
        String select = groupColumn == null ? "" : groupColumn + ", ";
        String sql = "SELECT " + select + "STATUS, COUNT(*), SUM(CASE WHEN RENEGOTIATION_COUNT>0 THEN 1 ELSE 0 END) "
                + "FROM PROMISE WHERE DUE_AT>=? AND DUE_AT<? GROUP BY " + select + "STATUS";
        int first = groupColumn == null ? 0 : 1;
        return Sql.list(c, sql, r -> new Object[] {first == 0 ? "all" : r.getString(1), r.getString(first + 1),
                r.getLong(first + 2), r.getLong(first + 3)}, from, to);
    }

    /**
     * One page of figures per owner or customer, in the database's order of the key: the first {@code limit} groups
     * after {@code after} (from the first when null), each {key, open, kept, keptLate, broken, cancelled, renegotiated}.
     */
    List<Object[]> groupFigures(Connection c, String groupColumn, Instant from, Instant to, String after, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(groupColumn);
        for (PromiseStatus status : PromiseStatus.values()) {
            sql.append(", SUM(CASE WHEN STATUS='").append(status.name()).append("' THEN 1 ELSE 0 END)");
        }
        sql.append(", SUM(CASE WHEN RENEGOTIATION_COUNT>0 THEN 1 ELSE 0 END) FROM PROMISE WHERE DUE_AT>=? AND DUE_AT<?")
                .append(after == null ? "" : " AND " + groupColumn + ">?")
                .append(" GROUP BY ").append(groupColumn).append(" ORDER BY ").append(groupColumn)
                .append(" FETCH FIRST ").append(limit).append(" ROWS ONLY");
        int statuses = PromiseStatus.values().length;
        return Sql.list(c, sql.toString(), p -> {
            p.instant(from).instant(to);
            if (after != null) {
                p.text(after);
            }
        }, r -> {
            Object[] row = new Object[statuses + 2];
            row[0] = r.getString(1);
            for (int i = 0; i <= statuses; i++) {
                row[i + 1] = r.getLong(i + 2);
            }
            return row;
        });
    }

    /** The promise an earlier request with this key made, with that request's fingerprint. */
    Optional<String[]> idempotent(Connection c, String caller, String key) throws SQLException {
        return Sql.one(c, "SELECT REQUEST_HASH, PROMISE_ID FROM PROMISE_IDEMPOTENCY WHERE CALLER=? AND IDEMPOTENCY_KEY=?",
                r -> new String[] {r.getString(1), r.getString(2)}, caller, key);
    }

    void rememberKey(Connection c, String caller, String key, String hash, String promiseId, Instant now) throws SQLException {
        Sql.update(c, "INSERT INTO PROMISE_IDEMPOTENCY (CALLER, IDEMPOTENCY_KEY, REQUEST_HASH, PROMISE_ID, CREATED_AT) "
                + "VALUES (?,?,?,?,?)", caller, key, hash, promiseId, now);
    }

    private static Due due(ResultSet r) throws SQLException {
        return new Due(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getString(5), r.getString(6),
                r.getString(7), r.getString(8));
    }

    private static Params bind(Params params, Promise p) throws SQLException {
        return params.text(p.id()).text(p.customerId()).text(p.customerName()).text(p.description())
                .text(p.expectation()).text(p.promisedBy()).text(p.owner()).name(p.channel())
                .text(p.origin() == null ? null : p.origin().type()).text(p.origin() == null ? null : p.origin().ref())
                .instant(p.madeAt()).instant(p.dueAt()).name(p.status()).instant(p.keptAt()).text(p.evidence())
                .instant(p.brokenAt()).text(p.cancelReason()).text(history(p.renegotiations())).text(p.externalRef())
                .number(p.version()).text(p.contact() == null ? null : p.contact().name())
                .text(p.contact() == null ? null : p.contact().email()).text(p.contact() == null ? null : p.contact().phone())
                .text(p.contact() == null ? null : p.contact().language());
    }

    private static Promise read(ResultSet r) throws SQLException {
        String originType = r.getString(9);
        return new Promise(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), Channel.valueOf(r.getString(8)),
                originType == null ? null : new Origin(originType, r.getString(10)),
                Instant.ofEpochMilli(r.getLong(11)), Instant.ofEpochMilli(r.getLong(12)),
                PromiseStatus.valueOf(r.getString(13)), Columns.instant(r, 14), r.getString(15), Columns.instant(r, 16),
                r.getString(17), history(r.getString(18)), r.getString(19), r.getLong(20), contact(r), null);
    }

    private static Contact contact(ResultSet r) throws SQLException {
        String name = r.getString(21);
        String email = r.getString(22);
        String phone = r.getString(23);
        String language = r.getString(24);
        return name == null && email == null && phone == null && language == null ? null
                : new Contact(name, email, phone, language);
    }

    /** Records one step of a promise's history, in the transaction of the step. */
    void insertChange(Connection c, String promiseId, String customerId, PromiseChange change) throws SQLException {
        insertChanges(c, List.of(new Changed(promiseId, customerId, change)));
    }

    void insertChanges(Connection c, List<Changed> changes) throws SQLException {
        Sql.batch(c, "INSERT INTO PROMISE_HISTORY (PROMISE_ID, CUSTOMER_ID, HAPPENED_AT, ACTION, ACTOR, REASON, DETAILS, SEQ) "
                + "VALUES (?,?,?,?,?,?,?,?)", changes, (p, changed) -> p.text(changed.promiseId()).text(changed.customerId())
                .instant(changed.change().at()).name(changed.change().action()).text(changed.change().by())
                .text(changed.change().reason())
                .text(changed.change().details().isEmpty() ? null : json(changed.change().details()))
                .number(OrderedIds.next()));
    }

    /** A promise's history, oldest first. */
    List<PromiseChange> history(Connection c, String promiseId) throws SQLException {
        return Sql.list(c, "SELECT HAPPENED_AT, ACTION, ACTOR, REASON, DETAILS FROM PROMISE_HISTORY WHERE PROMISE_ID=? "
                + "ORDER BY SEQ", r -> new PromiseChange(Instant.ofEpochMilli(r.getLong(1)),
                PromiseAction.valueOf(r.getString(2)), r.getString(3), r.getString(4), details(r.getString(5))), promiseId);
    }

    static String json(Map<String, String> details) {
        try {
            return Json.mapper().writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("details are plain text", e);
        }
    }

    static Map<String, String> details(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return Json.mapper().readValue(json, DETAILS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored details are unreadable", e);
        }
    }

    private static String history(List<Renegotiation> renegotiations) {
        if (renegotiations.isEmpty()) {
            return null;
        }
        try {
            return Json.mapper().writeValueAsString(renegotiations);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("renegotiations are plain records", e);
        }
    }

    private static List<Renegotiation> history(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return Json.mapper().readValue(json, HISTORY);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored renegotiations are unreadable", e);
        }
    }
}
