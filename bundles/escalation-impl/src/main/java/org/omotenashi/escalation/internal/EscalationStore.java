package org.omotenashi.escalation.internal;

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
import org.omotenashi.core.db.Sql;
import org.omotenashi.core.json.Json;
import org.omotenashi.escalation.api.Escalation;
import org.omotenashi.escalation.api.EscalationQuery;
import org.omotenashi.escalation.api.EscalationStatus;
import org.omotenashi.escalation.api.HistoryEntry;
import org.omotenashi.escalation.api.Subject;

/** SQL for escalations and for when each rule last fired for a subject, on a connection whose transaction the caller owns. */
final class EscalationStore {
    private static final String COLUMNS = "ID, RULE_ID, RULE_NAME, SUBJECT_TYPE, SUBJECT_REF, CUSTOMER_ID, "
            + "LEVEL_NO, STATUS, OPENED_AT, LEVEL_SINCE, ACKNOWLEDGED_AT, RESOLVED_AT, HISTORY, VERSION, VARIABLES";
    private static final TypeReference<List<HistoryEntry>> HISTORY = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() { };

    /** An escalation with the variables it was opened with, which later levels' actions render from. */
    record StoredEscalation(Escalation escalation, Map<String, Object> variables) {
    }

    static String activeKey(String ruleId, Subject subject) {
        return ruleId + "\u001f" + subject.type() + "\u001f" + subject.ref();
    }

    void insertEscalation(Connection c, Escalation e, Map<String, Object> variables) throws SQLException {
        Sql.update(c, "INSERT INTO ESCALATION (" + COLUMNS + ", ACTIVE_KEY) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                p -> p.text(e.id()).text(e.ruleId()).text(e.ruleName()).text(e.subject().type()).text(e.subject().ref())
                        .text(e.customerId()).integer(e.level()).name(e.status()).instant(e.openedAt())
                        .instant(e.levelSince()).instant(e.acknowledgedAt()).instant(e.resolvedAt())
                        .text(json(e.history())).number(e.version()).text(json(variables))
                        .text(activeKey(e.ruleId(), e.subject())));
    }

    /** Writes a changed escalation if nobody changed it since {@code e.version() - 1}; resolving frees its key. */
    boolean updateEscalation(Connection c, Escalation e) throws SQLException {
        return Sql.update(c, "UPDATE ESCALATION SET LEVEL_NO=?, STATUS=?, LEVEL_SINCE=?, ACKNOWLEDGED_AT=?, "
                + "RESOLVED_AT=?, HISTORY=?, VERSION=?, ACTIVE_KEY=CASE WHEN ?='RESOLVED' THEN NULL ELSE ACTIVE_KEY END "
                + "WHERE ID=? AND VERSION=?", p -> p.integer(e.level()).name(e.status()).instant(e.levelSince())
                .instant(e.acknowledgedAt()).instant(e.resolvedAt()).text(json(e.history())).number(e.version())
                .name(e.status()).text(e.id()).number(e.version() - 1)) == 1;
    }

    Optional<StoredEscalation> escalation(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM ESCALATION WHERE ID=?", EscalationStore::read, id);
    }

    /** The unresolved escalation this rule opened for the subject, if any. */
    Optional<StoredEscalation> unresolved(Connection c, String ruleId, Subject subject) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM ESCALATION WHERE ACTIVE_KEY=?", EscalationStore::read,
                activeKey(ruleId, subject));
    }

    /** Unresolved escalations of the subject by any rule, the oldest first. */
    List<StoredEscalation> unresolvedFor(Connection c, Subject subject) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM ESCALATION WHERE SUBJECT_TYPE=? AND SUBJECT_REF=? "
                + "AND STATUS<>'RESOLVED' ORDER BY OPENED_AT", EscalationStore::read, subject.type(), subject.ref());
    }

    /** Open (not acknowledged) escalations, for the check that moves them up when nobody reacted. */
    List<StoredEscalation> open(Connection c, int max) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM ESCALATION WHERE STATUS='OPEN' ORDER BY LEVEL_SINCE "
                + "FETCH FIRST " + max + " ROWS ONLY", EscalationStore::read);
    }

    /** Keyset paging on (OPENED_AT descending, ID descending). */
    List<Escalation> list(Connection c, EscalationQuery q, Long beforeOpenedAt, String beforeId) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM ESCALATION WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.status() != null) {
            sql.append(" AND STATUS=?");
            args.add(q.status());
        }
        if (q.level() != null) {
            sql.append(" AND LEVEL_NO=?");
            args.add(q.level());
        }
        if (q.customerId() != null) {
            sql.append(" AND CUSTOMER_ID=?");
            args.add(q.customerId());
        }
        if (beforeOpenedAt != null) {
            sql.append(" AND (OPENED_AT<? OR (OPENED_AT=? AND ID<?))");
            args.add(beforeOpenedAt);
            args.add(beforeOpenedAt);
            args.add(beforeId);
        }
        sql.append(" ORDER BY OPENED_AT DESC, ID DESC FETCH FIRST ").append(q.limit() + 1).append(" ROWS ONLY");
        return Sql.list(c, sql.toString(), r -> read(r).escalation(), args.toArray());
    }

    /** When the rule last fired for the subject; null when it never did. */
    Instant lastFired(Connection c, String ruleId, Subject subject) throws SQLException {
        return Sql.one(c, "SELECT FIRED_AT FROM ESCALATION_FIRING WHERE RULE_ID=? AND SUBJECT_TYPE=? AND SUBJECT_REF=?",
                r -> Columns.instant(r, 1), ruleId, subject.type(), subject.ref()).orElse(null);
    }

    /** Records a step of a customer's escalation for the timeline: the escalation as it is after the step. */
    void insertStep(Connection c, Escalation e, HistoryEntry step) throws SQLException {
        if (e.customerId() == null) {
            return;
        }
        Sql.update(c, "INSERT INTO ESCALATION_STEP (ESCALATION_ID, CUSTOMER_ID, HAPPENED_AT, STEP, LEVEL_NO, RULE_NAME, "
                + "SUBJECT_TYPE, SUBJECT_REF, ACTOR, REASON, SEQ) VALUES (?,?,?,?,?,?,?,?,?,?,?)", p -> p.text(e.id())
                .text(e.customerId()).instant(step.at()).text(step.event()).integer(e.level()).text(e.ruleName())
                .text(e.subject().type()).text(e.subject().ref()).text(step.by())
                .text(step.note() == null ? null : step.note().substring(0, Math.min(2000, step.note().length())))
                .number(org.omotenashi.core.db.OrderedIds.next()));
    }

    void fired(Connection c, String ruleId, Subject subject, Instant at) throws SQLException {
        if (Sql.update(c, "UPDATE ESCALATION_FIRING SET FIRED_AT=? WHERE RULE_ID=? AND SUBJECT_TYPE=? AND SUBJECT_REF=?",
                at, ruleId, subject.type(), subject.ref()) == 1) {
            return;
        }
        Sql.update(c, "INSERT INTO ESCALATION_FIRING (RULE_ID, SUBJECT_TYPE, SUBJECT_REF, FIRED_AT) VALUES (?,?,?,?)",
                ruleId, subject.type(), subject.ref(), at);
    }

    private static StoredEscalation read(ResultSet r) throws SQLException {
        return new StoredEscalation(new Escalation(r.getString(1), r.getString(2), r.getString(3),
                new Subject(r.getString(4), r.getString(5)), r.getString(6), r.getInt(7),
                EscalationStatus.valueOf(r.getString(8)), Columns.instant(r, 9), Columns.instant(r, 10),
                Columns.instant(r, 11), Columns.instant(r, 12), parse(r.getString(13), HISTORY), r.getLong(14)),
                parse(r.getString(15), VARIABLES));
    }

    static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("escalation data must serialize", e);
        }
    }

    private static <T> T parse(String text, TypeReference<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return Json.mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored escalation data is not readable", e);
        }
    }
}
