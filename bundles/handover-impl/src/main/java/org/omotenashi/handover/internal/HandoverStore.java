package org.omotenashi.handover.internal;

import java.sql.Connection;
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
import org.omotenashi.core.db.Params;
import org.omotenashi.core.db.Sql;
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
        Sql.update(c, "INSERT INTO HANDOVER (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                params -> bind(params, h));
        insertPromises(c, h);
    }

    /** Writes a changed handover if nobody else changed it since {@code h.version() - 1}. */
    boolean update(Connection c, Handover h, boolean promisesChanged) throws SQLException {
        int updated = Sql.update(c, "UPDATE HANDOVER SET ID=?, DEAL_REF=?, CUSTOMER_ID=?, "
                + "CUSTOMER_NAME=?, SOLD_BY=?, SERVICE_TEAM=?, CONTRACT_START=?, STATUS=?, CONTACTS=?, EXPECTATIONS=?, "
                + "NOTES=?, HISTORY=?, CREATED_AT=?, UPDATED_AT=?, SUBMITTED_AT=?, ACKNOWLEDGED_AT=?, ACCEPTED_AT=?, "
                + "ACK_OVERDUE_AT=?, VERSION=?, RETURN_COUNT=? WHERE ID=? AND VERSION=?",
                params -> bind(params, h).text(h.id()).number(h.version() - 1));
        if (updated != 1) {
            return false;
        }
        if (promisesChanged) {
            // Only drafts and returned handovers are edited, and their promises are not registered yet.
            Sql.update(c, "DELETE FROM HANDOVER_PROMISE WHERE HANDOVER_ID=?", h.id());
            insertPromises(c, h);
        }
        return true;
    }

    Optional<Handover> find(Connection c, String id) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM HANDOVER WHERE ID=?", List.of(id)).stream().findFirst();
    }

    Optional<String> idOfDeal(Connection c, String dealRef) throws SQLException {
        return Sql.one(c, "SELECT ID FROM HANDOVER WHERE DEAL_REF=?", r -> r.getString(1), dealRef);
    }

    /** Keyset paging on (CREATED_AT, ID), newest first: stable while handovers are added or change status. */
    List<Handover> list(Connection c, HandoverQuery q, Long beforeCreatedAt, String beforeId) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM HANDOVER WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.status() != null) {
            sql.append(" AND STATUS=?");
            args.add(q.status());
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
        return query(c, sql, List.of(submittedBefore));
    }

    /** Flags the current submission as overdue; false when it was acknowledged, returned or flagged meanwhile. */
    boolean markAckOverdue(Connection c, Handover h, Instant now) throws SQLException {
        return Sql.update(c, "UPDATE HANDOVER SET ACK_OVERDUE_AT=? "
                + "WHERE ID=? AND STATUS='SUBMITTED' AND SUBMITTED_AT=? AND ACK_OVERDUE_AT IS NULL",
                now, h.id(), h.submittedAt()) == 1;
    }

    /** Promises of accepted handovers with no promise-tracker id yet, oldest acceptance first. */
    List<Unregistered> unregistered(Connection c, int max) throws SQLException {
        String sql = "SELECT p.HANDOVER_ID, p.IDX, p.DESCRIPTION, p.DUE_AT, h.DEAL_REF, h.CUSTOMER_ID, h.CUSTOMER_NAME, "
                + "h.SOLD_BY, h.SERVICE_TEAM, h.CREATED_AT, h.CONTACTS FROM HANDOVER_PROMISE p JOIN HANDOVER h ON h.ID=p.HANDOVER_ID "
                + "WHERE h.STATUS='ACCEPTED' AND p.PROMISE_ID IS NULL ORDER BY h.ACCEPTED_AT, p.HANDOVER_ID, p.IDX "
                + "FETCH FIRST " + max + " ROWS ONLY";
        return Sql.list(c, sql, r -> new Unregistered(r.getString(1), r.getInt(2), r.getString(3),
                Instant.ofEpochMilli(r.getLong(4)), r.getString(5), r.getString(6), r.getString(7), r.getString(8),
                r.getString(9), Instant.ofEpochMilli(r.getLong(10)), parse(r.getString(11), CONTACTS)));
    }

    /** Records a step of the handover (its newest transition) for the customer's timeline. */
    void insertStep(Connection c, Handover h, String step, String by, Instant at, String reason) throws SQLException {
        Sql.update(c, "INSERT INTO HANDOVER_STEP (HANDOVER_ID, CUSTOMER_ID, HAPPENED_AT, STEP, ACTOR, REASON) "
                + "VALUES (?,?,?,?,?,?)", p -> p.text(h.id()).text(h.customerId()).instant(at).text(step).text(by)
                .text(reason == null ? null : reason.substring(0, Math.min(4000, reason.length()))));
    }

    /** Remembers the tracker's id for a handover promise; false if another registration recorded one first. */
    boolean recordPromiseId(Connection c, String handoverId, int index, String promiseId) throws SQLException {
        return Sql.update(c, "UPDATE HANDOVER_PROMISE SET PROMISE_ID=? WHERE HANDOVER_ID=? AND IDX=? AND PROMISE_ID IS NULL",
                promiseId, handoverId, index) == 1;
    }

    /** Handovers last submitted in [from, to), for the figures. */
    List<Submitted> submitted(Connection c, Instant from, Instant to) throws SQLException {
        return Sql.list(c, "SELECT ID, SERVICE_TEAM, STATUS, SUBMITTED_AT, ACKNOWLEDGED_AT, "
                + "RETURN_COUNT FROM HANDOVER WHERE SUBMITTED_AT>=? AND SUBMITTED_AT<?",
                r -> new Submitted(r.getString(1), r.getString(2), HandoverStatus.valueOf(r.getString(3)),
                        Instant.ofEpochMilli(r.getLong(4)), Columns.instant(r, 5), r.getInt(6)), from, to);
    }

    /** The handover promises of accepted handovers submitted in [from, to), keyed by handover id. */
    Map<String, List<HandedPromise>> acceptedPromises(Connection c, Instant from, Instant to) throws SQLException {
        Map<String, List<HandedPromise>> byHandover = new LinkedHashMap<>();
        Sql.each(c, "SELECT p.HANDOVER_ID, p.DESCRIPTION, p.DUE_AT, p.PROMISE_ID "
                + "FROM HANDOVER_PROMISE p JOIN HANDOVER h ON h.ID=p.HANDOVER_ID WHERE h.STATUS='ACCEPTED' "
                + "AND h.SUBMITTED_AT>=? AND h.SUBMITTED_AT<? ORDER BY p.HANDOVER_ID, p.IDX",
                params -> params.instant(from).instant(to), r -> addPromise(byHandover, r));
        return byHandover;
    }

    private void insertPromises(Connection c, Handover h) throws SQLException {
        List<Integer> indexes = java.util.stream.IntStream.range(0, h.promises().size()).boxed().toList();
        Sql.batch(c, "INSERT INTO HANDOVER_PROMISE (HANDOVER_ID, IDX, DESCRIPTION, DUE_AT, PROMISE_ID) VALUES (?,?,?,?,?)",
                indexes, (params, i) -> params.text(h.id()).integer(i).text(h.promises().get(i).description())
                        .instant(h.promises().get(i).dueAt()).text(h.promises().get(i).promiseId()));
    }

    /** The handovers a query finds, each with its promises (read in one more query for all of them). */
    private List<Handover> query(Connection c, String sql, List<Object> args) throws SQLException {
        List<Object[]> rows = Sql.list(c, sql, HandoverStore::rowValues, args.toArray());
        Map<String, List<HandedPromise>> promises = promises(c, rows.stream().map(v -> (String) v[0]).toList());
        List<Handover> result = new ArrayList<>();
        for (Object[] row : rows) {
            result.add(fromValues(row, promises.getOrDefault((String) row[0], List.of())));
        }
        return result;
    }

    private static Map<String, List<HandedPromise>> promises(Connection c, List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return Map.of();
        }
        String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
        Map<String, List<HandedPromise>> byHandover = new HashMap<>();
        Sql.each(c, "SELECT HANDOVER_ID, DESCRIPTION, DUE_AT, PROMISE_ID "
                + "FROM HANDOVER_PROMISE WHERE HANDOVER_ID IN (" + marks + ") ORDER BY HANDOVER_ID, IDX",
                params -> params.values(ids.toArray()), r -> addPromise(byHandover, r));
        return byHandover;
    }

    private static void addPromise(Map<String, List<HandedPromise>> byHandover, ResultSet r) throws SQLException {
        byHandover.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(
                new HandedPromise(r.getString(2), Instant.ofEpochMilli(r.getLong(3)), r.getString(4)));
    }

    private static Params bind(Params params, Handover h) throws SQLException {
        return params.text(h.id()).text(h.dealRef()).text(h.customerId()).text(h.customerName()).text(h.soldBy())
                .text(h.serviceTeam()).text(h.contractStart() == null ? null : h.contractStart().toString())
                .name(h.status()).text(json(h.contacts().isEmpty() ? null : h.contacts()))
                .text(json(h.expectations().isEmpty() ? null : h.expectations()))
                .text(json(HandoverRules.noNotes(h.notes()) ? null : h.notes())).text(json(h.history()))
                .instant(h.createdAt()).instant(h.updatedAt()).instant(h.submittedAt()).instant(h.acknowledgedAt())
                .instant(h.acceptedAt()).instant(h.ackOverdueAt()).number(h.version()).integer((int) h.returns());
    }

    /** Reads the columns of the current row before the result set moves on; promises are added afterwards. */
    private static Object[] rowValues(ResultSet r) throws SQLException {
        return new Object[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10), r.getString(11),
                r.getString(12), r.getLong(13), r.getLong(14), Columns.instant(r, 15), Columns.instant(r, 16), Columns.instant(r, 17),
                Columns.instant(r, 18), r.getLong(19)};
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
