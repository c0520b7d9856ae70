package org.omotenashi.handover.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import org.omotenashi.core.db.Columns;
import org.omotenashi.core.json.Json;
import org.omotenashi.handover.api.Contact;
import org.omotenashi.handover.api.CustomerNotes;
import org.omotenashi.handover.api.Expectation;
import org.omotenashi.handover.api.HandedPromise;
import org.omotenashi.handover.api.Handover;
import org.omotenashi.handover.api.HandoverQuery;
import org.omotenashi.handover.api.HandoverStatus;
import org.omotenashi.handover.api.Transition;

/** SQL for handovers, one statement per method, on a connection whose transaction the caller owns. */
final class HandoverStore {
    private static final String COLUMNS = "ID, DEAL_REF, CUSTOMER_ID, CUSTOMER_NAME, SOLD_BY, SERVICE_TEAM, "
            + "CONTRACT_START, STATUS, CONTACTS, EXPECTATIONS, NOTES, HISTORY, CREATED_AT, UPDATED_AT, SUBMITTED_AT, "
            + "ACKNOWLEDGED_AT, ACCEPTED_AT, ACK_OVERDUE_AT, VERSION, RETURN_COUNT";
    private static final TypeReference<List<Contact>> CONTACTS = new TypeReference<>() { };
    private static final TypeReference<List<Expectation>> EXPECTATIONS = new TypeReference<>() { };
    private static final TypeReference<List<Transition>> HISTORY = new TypeReference<>() { };

    /** A promise of an accepted handover that the promise tracker does not know yet. */
    record Unregistered(String handoverId, int index, String description, Instant dueAt, String dealRef,
                        String customerId, String customerName, String soldBy, String serviceTeam, Instant madeAt,
                        List<Contact> contacts) {
    }

    /** What the figures need of one submitted handover. */
    record Submitted(String id, String serviceTeam, HandoverStatus status, Instant submittedAt,
                     Instant acknowledgedAt, int returns) {
    }

    void insert(Connection c, Handover h) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO HANDOVER (" + COLUMNS
                + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            bind(s, h, 1);
            s.executeUpdate();
        }
        insertPromises(c, h);
    }

    /** Writes a changed handover if nobody else changed it since {@code h.version() - 1}. */
    boolean update(Connection c, Handover h, boolean promisesChanged) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE HANDOVER SET ID=?, DEAL_REF=?, CUSTOMER_ID=?, "
                + "CUSTOMER_NAME=?, SOLD_BY=?, SERVICE_TEAM=?, CONTRACT_START=?, STATUS=?, CONTACTS=?, EXPECTATIONS=?, "
                + "NOTES=?, HISTORY=?, CREATED_AT=?, UPDATED_AT=?, SUBMITTED_AT=?, ACKNOWLEDGED_AT=?, ACCEPTED_AT=?, "
                + "ACK_OVERDUE_AT=?, VERSION=?, RETURN_COUNT=? WHERE ID=? AND VERSION=?")) {
            bind(s, h, 1);
            s.setString(21, h.id());
            s.setLong(22, h.version() - 1);
            if (s.executeUpdate() != 1) {
                return false;
            }
        }
        if (promisesChanged) {
            // Only drafts and returned handovers are edited, and their promises are not registered yet.
            try (PreparedStatement s = c.prepareStatement("DELETE FROM HANDOVER_PROMISE WHERE HANDOVER_ID=?")) {
                s.setString(1, h.id());
                s.executeUpdate();
            }
            insertPromises(c, h);
        }
        return true;
    }

    Optional<Handover> find(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM HANDOVER WHERE ID=?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(read(r, promises(c, List.of(id)).getOrDefault(id, List.of())));
            }
        }
    }

    Optional<String> idOfDeal(Connection c, String dealRef) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT ID FROM HANDOVER WHERE DEAL_REF=?")) {
            s.setString(1, dealRef);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** Keyset paging on (CREATED_AT, ID), newest first: stable while handovers are added or change status. */
    List<Handover> list(Connection c, HandoverQuery q, Long beforeCreatedAt, String beforeId) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM HANDOVER WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.status() != null) {
            sql.append(" AND STATUS=?");
            args.add(q.status().name());
        }
        if (q.serviceTeam() != null) {
            sql.append(" AND SERVICE_TEAM=?");
            args.add(q.serviceTeam());
        }
        if (q.customerId() != null) {
            sql.append(" AND CUSTOMER_ID=?");
            args.add(q.customerId());
        }
        if (beforeCreatedAt != null) {
            sql.append(" AND (CREATED_AT<? OR (CREATED_AT=? AND ID<?))");
            args.add(beforeCreatedAt);
            args.add(beforeCreatedAt);
            args.add(beforeId);
        }
        sql.append(" ORDER BY CREATED_AT DESC, ID DESC FETCH FIRST ").append(q.limit() + 1).append(" ROWS ONLY");
        return query(c, sql.toString(), args);
    }

    /** Handovers waiting for acknowledgement, oldest submission first, at most {@code max}. */
    List<Handover> waiting(Connection c, Instant submittedBefore, boolean onlyUnflagged, int max) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM HANDOVER WHERE STATUS='SUBMITTED' AND SUBMITTED_AT<=?"
                + (onlyUnflagged ? " AND ACK_OVERDUE_AT IS NULL" : "")
                + " ORDER BY SUBMITTED_AT, ID FETCH FIRST " + max + " ROWS ONLY";
        return query(c, sql, List.of(submittedBefore.toEpochMilli()));
    }

    /** Flags the current submission as overdue; false when it was acknowledged, returned or flagged meanwhile. */
    boolean markAckOverdue(Connection c, Handover h, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE HANDOVER SET ACK_OVERDUE_AT=? "
                + "WHERE ID=? AND STATUS='SUBMITTED' AND SUBMITTED_AT=? AND ACK_OVERDUE_AT IS NULL")) {
            s.setLong(1, now.toEpochMilli());
            s.setString(2, h.id());
            s.setLong(3, h.submittedAt().toEpochMilli());
            return s.executeUpdate() == 1;
        }
    }

    /** Promises of accepted handovers with no promise-tracker id yet, oldest acceptance first. */
    List<Unregistered> unregistered(Connection c, int max) throws SQLException {
        String sql = "SELECT p.HANDOVER_ID, p.IDX, p.DESCRIPTION, p.DUE_AT, h.DEAL_REF, h.CUSTOMER_ID, h.CUSTOMER_NAME, "
                + "h.SOLD_BY, h.SERVICE_TEAM, h.CREATED_AT, h.CONTACTS FROM HANDOVER_PROMISE p JOIN HANDOVER h ON h.ID=p.HANDOVER_ID "
                + "WHERE h.STATUS='ACCEPTED' AND p.PROMISE_ID IS NULL ORDER BY h.ACCEPTED_AT, p.HANDOVER_ID, p.IDX "
                + "FETCH FIRST " + max + " ROWS ONLY";
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            List<Unregistered> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(new Unregistered(r.getString(1), r.getInt(2), r.getString(3), Instant.ofEpochMilli(r.getLong(4)),
                        r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
                        Instant.ofEpochMilli(r.getLong(10)), parse(r.getString(11), CONTACTS)));
            }
            return rows;
        }
    }

    /** Records a step of the handover (its newest transition) for the customer's timeline. */
    void insertStep(Connection c, Handover h, String step, String by, Instant at, String reason) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO HANDOVER_STEP (HANDOVER_ID, CUSTOMER_ID, HAPPENED_AT, "
                + "STEP, ACTOR, REASON) VALUES (?,?,?,?,?,?)")) {
            s.setString(1, h.id());
            s.setString(2, h.customerId());
            s.setLong(3, at.toEpochMilli());
            s.setString(4, step);
            s.setString(5, by);
            s.setString(6, reason == null ? null : reason.substring(0, Math.min(4000, reason.length())));
            s.executeUpdate();
        }
    }

    /** Remembers the tracker's id for a handover promise; false if another registration recorded one first. */
    boolean recordPromiseId(Connection c, String handoverId, int index, String promiseId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE HANDOVER_PROMISE SET PROMISE_ID=? WHERE HANDOVER_ID=? AND IDX=? AND PROMISE_ID IS NULL")) {
            s.setString(1, promiseId);
            s.setString(2, handoverId);
            s.setInt(3, index);
            return s.executeUpdate() == 1;
        }
    }

    /** Handovers last submitted in [from, to), for the figures. */
    List<Submitted> submitted(Connection c, Instant from, Instant to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT ID, SERVICE_TEAM, STATUS, SUBMITTED_AT, ACKNOWLEDGED_AT, "
                + "RETURN_COUNT FROM HANDOVER WHERE SUBMITTED_AT>=? AND SUBMITTED_AT<?")) {
            s.setLong(1, from.toEpochMilli());
            s.setLong(2, to.toEpochMilli());
            List<Submitted> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Submitted(r.getString(1), r.getString(2), HandoverStatus.valueOf(r.getString(3)),
                            Instant.ofEpochMilli(r.getLong(4)), Columns.instant(r, 5), r.getInt(6)));
                }
            }
            return rows;
        }
    }

    /** The handover promises of accepted handovers submitted in [from, to), keyed by handover id. */
    Map<String, List<HandedPromise>> acceptedPromises(Connection c, Instant from, Instant to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT p.HANDOVER_ID, p.DESCRIPTION, p.DUE_AT, p.PROMISE_ID "
                + "FROM HANDOVER_PROMISE p JOIN HANDOVER h ON h.ID=p.HANDOVER_ID WHERE h.STATUS='ACCEPTED' "
                + "AND h.SUBMITTED_AT>=? AND h.SUBMITTED_AT<? ORDER BY p.HANDOVER_ID, p.IDX")) {
            s.setLong(1, from.toEpochMilli());
            s.setLong(2, to.toEpochMilli());
            Map<String, List<HandedPromise>> byHandover = new LinkedHashMap<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    byHandover.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(
                            new HandedPromise(r.getString(2), Instant.ofEpochMilli(r.getLong(3)), r.getString(4)));
                }
            }
            return byHandover;
        }
    }

    private void insertPromises(Connection c, Handover h) throws SQLException {
        if (h.promises().isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO HANDOVER_PROMISE (HANDOVER_ID, IDX, DESCRIPTION, DUE_AT, PROMISE_ID) VALUES (?,?,?,?,?)")) {
            for (int i = 0; i < h.promises().size(); i++) {
                HandedPromise p = h.promises().get(i);
                s.setString(1, h.id());
                s.setInt(2, i);
                s.setString(3, p.description());
                s.setLong(4, p.dueAt().toEpochMilli());
                s.setString(5, p.promiseId());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private List<Handover> query(Connection c, String sql, List<Object> args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            List<Object[]> rows = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Object[] {r.getString(1), rowValues(r)});
                    ids.add(r.getString(1));
                }
            }
            Map<String, List<HandedPromise>> promises = promises(c, ids);
            List<Handover> result = new ArrayList<>();
            for (Object[] row : rows) {
                result.add(fromValues((Object[]) row[1], promises.getOrDefault((String) row[0], List.of())));
            }
            return result;
        }
    }

    private static Map<String, List<HandedPromise>> promises(Connection c, List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return Map.of();
        }
        String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement s = c.prepareStatement("SELECT HANDOVER_ID, DESCRIPTION, DUE_AT, PROMISE_ID "
                + "FROM HANDOVER_PROMISE WHERE HANDOVER_ID IN (" + marks + ") ORDER BY HANDOVER_ID, IDX")) {
            for (int i = 0; i < ids.size(); i++) {
                s.setString(i + 1, ids.get(i));
            }
            Map<String, List<HandedPromise>> byHandover = new HashMap<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    byHandover.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(
                            new HandedPromise(r.getString(2), Instant.ofEpochMilli(r.getLong(3)), r.getString(4)));
                }
            }
            return byHandover;
        }
    }

    private static void bind(PreparedStatement s, Handover h, int first) throws SQLException {
        int i = first;
        s.setString(i++, h.id());
        s.setString(i++, h.dealRef());
        s.setString(i++, h.customerId());
        s.setString(i++, h.customerName());
        s.setString(i++, h.soldBy());
        s.setString(i++, h.serviceTeam());
        s.setString(i++, h.contractStart() == null ? null : h.contractStart().toString());
        s.setString(i++, h.status().name());
        s.setString(i++, json(h.contacts().isEmpty() ? null : h.contacts()));
        s.setString(i++, json(h.expectations().isEmpty() ? null : h.expectations()));
        s.setString(i++, json(HandoverRules.noNotes(h.notes()) ? null : h.notes()));
        s.setString(i++, json(h.history()));
        s.setLong(i++, h.createdAt().toEpochMilli());
        s.setLong(i++, h.updatedAt().toEpochMilli());
        Columns.setInstant(s, i++, h.submittedAt());
        Columns.setInstant(s, i++, h.acknowledgedAt());
        Columns.setInstant(s, i++, h.acceptedAt());
        Columns.setInstant(s, i++, h.ackOverdueAt());
        s.setLong(i++, h.version());
        s.setInt(i, (int) h.returns());
    }

    /** Reads the columns of the current row before the result set moves on; promises are added afterwards. */
    private static Object[] rowValues(ResultSet r) throws SQLException {
        return new Object[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10), r.getString(11),
                r.getString(12), r.getLong(13), r.getLong(14), Columns.instant(r, 15), Columns.instant(r, 16), Columns.instant(r, 17),
                Columns.instant(r, 18), r.getLong(19)};
    }

    private static Handover read(ResultSet r, List<HandedPromise> promises) throws SQLException {
        return fromValues(rowValues(r), promises);
    }

    private static Handover fromValues(Object[] v, List<HandedPromise> promises) {
        String contractStart = (String) v[6];
        return new Handover((String) v[0], (String) v[1], (String) v[2], (String) v[3], (String) v[4], (String) v[5],
                contractStart == null ? null : LocalDate.parse(contractStart), parse((String) v[8], CONTACTS),
                parse((String) v[9], EXPECTATIONS), promises, parseNotes((String) v[10]),
                HandoverStatus.valueOf((String) v[7]), parse((String) v[11], HISTORY),
                Instant.ofEpochMilli((Long) v[12]), Instant.ofEpochMilli((Long) v[13]), (Instant) v[14],
                (Instant) v[15], (Instant) v[16], (Instant) v[17], (Long) v[18]);
    }



    private static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("handover parts are plain records", e);
        }
    }

    private static <T> List<T> parse(String json, TypeReference<List<T>> type) {
        if (json == null) {
            return List.of();
        }
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored handover parts are unreadable", e);
        }
    }

    private static CustomerNotes parseNotes(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.mapper().readValue(json, CustomerNotes.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored handover notes are unreadable", e);
        }
    }
}
