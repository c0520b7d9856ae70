package org.omotenashi.promises.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
    private static final String INSERT = "INSERT INTO PROMISE (" + COLUMNS
            + ", RENEGOTIATION_COUNT) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String DUE_COLUMNS = "ID, CUSTOMER_ID, OWNER, DUE_AT, ORIGIN_TYPE, ORIGIN_REF, CONTACT_EMAIL, "
            + "CONTACT_LANGUAGE";
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() { };
    private static final TypeReference<List<Renegotiation>> HISTORY = new TypeReference<>() { };

    /** The fields the sweep needs to write its events, without loading whole promises. */
    record Due(String id, String customerId, String owner, long dueAt, String originType, String originRef,
               String contactEmail, String language) {
    }

    void insert(Connection c, Promise p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            bind(s, p);
            s.setInt(25, p.renegotiations().size());
            s.executeUpdate();
        }
    }

    void insertAll(Connection c, List<Promise> promises) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (Promise p : promises) {
                bind(s, p);
                s.setInt(25, 0);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Writes a changed promise if nobody else changed it since {@code p.version() - 1}. */
    boolean update(Connection c, Promise p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE PROMISE SET OWNER=?, DUE_AT=?, STATUS=?, KEPT_AT=?, EVIDENCE=?, "
                + "BROKEN_AT=?, CANCEL_REASON=?, RENEGOTIATIONS=?, RENEGOTIATION_COUNT=?, VERSION=?, "
                + "DUE_SOON_AT=CASE WHEN DUE_AT=? THEN DUE_SOON_AT ELSE NULL END WHERE ID=? AND VERSION=?")) {
            s.setString(1, p.owner());
            s.setLong(2, p.dueAt().toEpochMilli());
            s.setString(3, p.status().name());
            Columns.setInstant(s, 4, p.keptAt());
            s.setString(5, p.evidence());
            Columns.setInstant(s, 6, p.brokenAt());
            s.setString(7, p.cancelReason());
            s.setString(8, history(p.renegotiations()));
            s.setInt(9, p.renegotiations().size());
            s.setLong(10, p.version());
            s.setLong(11, p.dueAt().toEpochMilli());
            s.setString(12, p.id());
            s.setLong(13, p.version() - 1);
            return s.executeUpdate() == 1;
        }
    }

    Optional<Promise> find(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM PROMISE WHERE ID=?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        }
    }

    /** Keyset paging on (DUE_AT, ID): stable while promises are added or change status. */
    List<Promise> list(Connection c, PromiseQuery q, Long afterDueAt, String afterId) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM PROMISE WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.status() != null) {
            sql.append(" AND STATUS=?");
            args.add(q.status().name());
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
            args.add(q.dueBefore().toEpochMilli());
        }
        if (q.dueAfter() != null) {
            sql.append(" AND DUE_AT>=?");
            args.add(q.dueAfter().toEpochMilli());
        }
        if (afterDueAt != null) {
            sql.append(" AND (DUE_AT>? OR (DUE_AT=? AND ID>?))");
            args.add(afterDueAt);
            args.add(afterDueAt);
            args.add(afterId);
        }
        sql.append(" ORDER BY DUE_AT, ID FETCH FIRST ").append(q.limit() + 1).append(" ROWS ONLY");
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            List<Promise> page = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    page.add(read(r));
                }
            }
            return page;
        }
    }

    /** Open promises whose due date passed, oldest first, at most {@code max}. */
    List<Due> overdue(Connection c, Instant now, int max) throws SQLException {
        return due(c, "SELECT " + DUE_COLUMNS + " FROM PROMISE "
                + "WHERE STATUS='OPEN' AND DUE_AT<? ORDER BY DUE_AT FETCH FIRST " + max + " ROWS ONLY", now);
    }

    /** Open promises due before {@code horizon} not yet flagged as coming due. */
    List<Due> comingDue(Connection c, Instant horizon, int max) throws SQLException {
        return due(c, "SELECT " + DUE_COLUMNS + " FROM PROMISE "
                + "WHERE STATUS='OPEN' AND DUE_AT<? AND DUE_SOON_AT IS NULL ORDER BY DUE_AT FETCH FIRST " + max
                + " ROWS ONLY", horizon);
    }

    List<Due> markBroken(Connection c, List<Due> due, Instant now) throws SQLException {
        return batch(c, "UPDATE PROMISE SET STATUS='BROKEN', BROKEN_AT=?, VERSION=VERSION+1 WHERE ID=? AND STATUS='OPEN'",
                due, now);
    }

    List<Due> markDueSoon(Connection c, List<Due> due, Instant now) throws SQLException {
        return batch(c, "UPDATE PROMISE SET DUE_SOON_AT=? WHERE ID=? AND DUE_SOON_AT IS NULL", due, now);
    }

    /** Per group and status: how many came due in [from, to), and how many of them were renegotiated. */
    List<Object[]> figures(Connection c, String groupColumn, Instant from, Instant to) throws SQLException {
        String select = groupColumn == null ? "" : groupColumn + ", ";
        String sql = "SELECT " + select + "STATUS, COUNT(*), SUM(CASE WHEN RENEGOTIATION_COUNT>0 THEN 1 ELSE 0 END) "
                + "FROM PROMISE WHERE DUE_AT>=? AND DUE_AT<? GROUP BY " + select + "STATUS";
        int first = groupColumn == null ? 0 : 1;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, from.toEpochMilli());
            s.setLong(2, to.toEpochMilli());
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Object[] {first == 0 ? "all" : r.getString(1), r.getString(first + 1),
                            r.getLong(first + 2), r.getLong(first + 3)});
                }
            }
            return rows;
        }
    }

    /** The promise an earlier request with this key made, with that request's fingerprint. */
    Optional<String[]> idempotent(Connection c, String caller, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT REQUEST_HASH, PROMISE_ID FROM PROMISE_IDEMPOTENCY WHERE CALLER=? AND IDEMPOTENCY_KEY=?")) {
            s.setString(1, caller);
            s.setString(2, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new String[] {r.getString(1), r.getString(2)}) : Optional.empty();
            }
        }
    }

    void rememberKey(Connection c, String caller, String key, String hash, String promiseId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO PROMISE_IDEMPOTENCY "
                + "(CALLER, IDEMPOTENCY_KEY, REQUEST_HASH, PROMISE_ID, CREATED_AT) VALUES (?,?,?,?,?)")) {
            s.setString(1, caller);
            s.setString(2, key);
            s.setString(3, hash);
            s.setString(4, promiseId);
            s.setLong(5, now.toEpochMilli());
            s.executeUpdate();
        }
    }

    private static List<Due> due(Connection c, String sql, Instant bound) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, bound.toEpochMilli());
            List<Due> due = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    due.add(new Due(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getString(5),
                            r.getString(6), r.getString(7), r.getString(8)));
                }
            }
            return due;
        }
    }

    /** Applies the update to each row and returns the rows it really changed (a keep may have won the race). */
    private static List<Due> batch(Connection c, String sql, List<Due> due, Instant now) throws SQLException {
        if (due.isEmpty()) {
            return due;
        }
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (Due d : due) {
                s.setLong(1, now.toEpochMilli());
                s.setString(2, d.id());
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            List<Due> changed = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 1 || counts[i] == PreparedStatement.SUCCESS_NO_INFO) {
                    changed.add(due.get(i));
                }
            }
            return changed;
        }
    }

    private static void bind(PreparedStatement s, Promise p) throws SQLException {
        s.setString(1, p.id());
        s.setString(2, p.customerId());
        s.setString(3, p.customerName());
        s.setString(4, p.description());
        s.setString(5, p.expectation());
        s.setString(6, p.promisedBy());
        s.setString(7, p.owner());
        s.setString(8, p.channel().name());
        s.setString(9, p.origin() == null ? null : p.origin().type());
        s.setString(10, p.origin() == null ? null : p.origin().ref());
        s.setLong(11, p.madeAt().toEpochMilli());
        s.setLong(12, p.dueAt().toEpochMilli());
        s.setString(13, p.status().name());
        Columns.setInstant(s, 14, p.keptAt());
        s.setString(15, p.evidence());
        Columns.setInstant(s, 16, p.brokenAt());
        s.setString(17, p.cancelReason());
        s.setString(18, history(p.renegotiations()));
        s.setString(19, p.externalRef());
        s.setLong(20, p.version());
        Contact contact = p.contact();
        s.setString(21, contact == null ? null : contact.name());
        s.setString(22, contact == null ? null : contact.email());
        s.setString(23, contact == null ? null : contact.phone());
        s.setString(24, contact == null ? null : contact.language());
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

    /** A history step and the promise it belongs to. */
    record Changed(String promiseId, String customerId, PromiseChange change) {
    }

    void insertChanges(Connection c, List<Changed> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO PROMISE_HISTORY (PROMISE_ID, CUSTOMER_ID, HAPPENED_AT, "
                + "ACTION, ACTOR, REASON, DETAILS) VALUES (?,?,?,?,?,?,?)")) {
            for (Changed changed : changes) {
                PromiseChange change = changed.change();
                s.setString(1, changed.promiseId());
                s.setString(2, changed.customerId());
                s.setLong(3, change.at().toEpochMilli());
                s.setString(4, change.action().name());
                s.setString(5, change.by());
                s.setString(6, change.reason());
                s.setString(7, change.details().isEmpty() ? null : json(change.details()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** A promise's history, oldest first. */
    List<PromiseChange> history(Connection c, String promiseId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT HAPPENED_AT, ACTION, ACTOR, REASON, DETAILS FROM PROMISE_HISTORY "
                + "WHERE PROMISE_ID=? ORDER BY SEQ")) {
            s.setString(1, promiseId);
            List<PromiseChange> changes = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    changes.add(new PromiseChange(Instant.ofEpochMilli(r.getLong(1)), PromiseAction.valueOf(r.getString(2)),
                            r.getString(3), r.getString(4), details(r.getString(5))));
                }
            }
            return changes;
        }
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
