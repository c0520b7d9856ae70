package org.omotenashi.escalation.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import org.omotenashi.core.db.Columns;
import org.omotenashi.core.json.Json;
import org.omotenashi.escalation.api.ActionType;
import org.omotenashi.escalation.api.Delivery;
import org.omotenashi.escalation.api.DeliveryAttempt;
import org.omotenashi.escalation.api.DeliveryStatus;
import org.omotenashi.escalation.api.Escalation;
import org.omotenashi.escalation.api.EscalationQuery;
import org.omotenashi.escalation.api.EscalationStatus;
import org.omotenashi.escalation.api.HistoryEntry;
import org.omotenashi.escalation.api.Subject;

/** SQL for rules, escalations, firings and the outbox, on a connection whose transaction the caller owns. */
final class EscalationStore {
    /** Seals webhook secrets on their way in and opens them on their way out; nothing else sees them sealed. */
    private final SecretSeal seal;

    EscalationStore(SecretSeal seal) {
        this.seal = seal;
    }
    private static final String ESCALATION_COLUMNS = "ID, RULE_ID, RULE_NAME, SUBJECT_TYPE, SUBJECT_REF, CUSTOMER_ID, "
            + "LEVEL_NO, STATUS, OPENED_AT, LEVEL_SINCE, ACKNOWLEDGED_AT, RESOLVED_AT, HISTORY, VERSION, VARIABLES";
    private static final String DELIVERY_COLUMNS = "ID, ESCALATION_ID, ACTION, TARGET, PAYLOAD, STATUS, ATTEMPTS, "
            + "CREATED_AT, NOT_BEFORE, NEXT_ATTEMPT_AT, DELIVERED_AT, LAST_ERROR, SECRET";
    private static final TypeReference<List<HistoryEntry>> HISTORY = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() { };

    /** A stored rule: its JSON definition and bookkeeping. */
    record StoredRule(String id, String definition, String source, long version) {
    }

    /** An escalation with the variables it was opened with, which later levels' actions render from. */
    record StoredEscalation(Escalation escalation, Map<String, Object> variables) {
    }

    /** A delivery with its webhook secret, which never leaves the module. */
    record Outgoing(Delivery delivery, String secret) {
    }

    // ---- rules

    List<StoredRule> rules(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT ID, DEFINITION, SOURCE, VERSION FROM ESCALATION_RULE ORDER BY ID");
             ResultSet r = s.executeQuery()) {
            List<StoredRule> rules = new ArrayList<>();
            while (r.next()) {
                rules.add(new StoredRule(r.getString(1), seal.openIn(r.getString(2)), r.getString(3), r.getLong(4)));
            }
            return rules;
        }
    }

    Optional<StoredRule> rule(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT ID, DEFINITION, SOURCE, VERSION FROM ESCALATION_RULE WHERE ID=?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new StoredRule(r.getString(1), seal.openIn(r.getString(2)), r.getString(3), r.getLong(4)))
                        : Optional.empty();
            }
        }
    }

    void insertRule(Connection c, String id, String name, String definition, String source, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO ESCALATION_RULE (ID, NAME, DEFINITION, SOURCE, UPDATED_AT, VERSION) VALUES (?,?,?,?,?,1)")) {
            s.setString(1, id);
            s.setString(2, name);
            s.setString(3, seal.sealIn(definition));
            s.setString(4, source);
            s.setLong(5, now.toEpochMilli());
            s.executeUpdate();
        }
    }

    boolean updateRule(Connection c, String id, String name, String definition, String source, long version, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE ESCALATION_RULE SET NAME=?, DEFINITION=?, SOURCE=?, "
                + "UPDATED_AT=?, VERSION=? WHERE ID=? AND VERSION=?")) {
            s.setString(1, name);
            s.setString(2, seal.sealIn(definition));
            s.setString(3, source);
            s.setLong(4, now.toEpochMilli());
            s.setLong(5, version + 1);
            s.setString(6, id);
            s.setLong(7, version);
            return s.executeUpdate() == 1;
        }
    }

    boolean deleteRule(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM ESCALATION_RULE WHERE ID=?")) {
            s.setString(1, id);
            return s.executeUpdate() == 1;
        }
    }

    // ---- escalations

    static String activeKey(String ruleId, Subject subject) {
        return ruleId + "\u001f" + subject.type() + "\u001f" + subject.ref();
    }

    void insertEscalation(Connection c, Escalation e, Map<String, Object> variables) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ESCALATION (" + ESCALATION_COLUMNS
                + ", ACTIVE_KEY) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            s.setString(1, e.id());
            s.setString(2, e.ruleId());
            s.setString(3, e.ruleName());
            s.setString(4, e.subject().type());
            s.setString(5, e.subject().ref());
            s.setString(6, e.customerId());
            s.setInt(7, e.level());
            s.setString(8, e.status().name());
            s.setLong(9, e.openedAt().toEpochMilli());
            s.setLong(10, e.levelSince().toEpochMilli());
            Columns.setInstant(s, 11, e.acknowledgedAt());
            Columns.setInstant(s, 12, e.resolvedAt());
            s.setString(13, json(e.history()));
            s.setLong(14, e.version());
            s.setString(15, json(variables));
            s.setString(16, activeKey(e.ruleId(), e.subject()));
            s.executeUpdate();
        }
    }

    /** Writes a changed escalation if nobody changed it since {@code e.version() - 1}; resolving frees its key. */
    boolean updateEscalation(Connection c, Escalation e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE ESCALATION SET LEVEL_NO=?, STATUS=?, LEVEL_SINCE=?, "
                + "ACKNOWLEDGED_AT=?, RESOLVED_AT=?, HISTORY=?, VERSION=?, "
                + "ACTIVE_KEY=CASE WHEN ?='RESOLVED' THEN NULL ELSE ACTIVE_KEY END WHERE ID=? AND VERSION=?")) {
            s.setInt(1, e.level());
            s.setString(2, e.status().name());
            s.setLong(3, e.levelSince().toEpochMilli());
            Columns.setInstant(s, 4, e.acknowledgedAt());
            Columns.setInstant(s, 5, e.resolvedAt());
            s.setString(6, json(e.history()));
            s.setLong(7, e.version());
            s.setString(8, e.status().name());
            s.setString(9, e.id());
            s.setLong(10, e.version() - 1);
            return s.executeUpdate() == 1;
        }
    }

    Optional<StoredEscalation> escalation(Connection c, String id) throws SQLException {
        return first(c, "SELECT " + ESCALATION_COLUMNS + " FROM ESCALATION WHERE ID=?", id);
    }

    /** The unresolved escalation this rule opened for the subject, if any. */
    Optional<StoredEscalation> unresolved(Connection c, String ruleId, Subject subject) throws SQLException {
        return first(c, "SELECT " + ESCALATION_COLUMNS + " FROM ESCALATION WHERE ACTIVE_KEY=?", activeKey(ruleId, subject));
    }

    /** Unresolved escalations of the subject by any rule, the oldest first. */
    List<StoredEscalation> unresolvedFor(Connection c, Subject subject) throws SQLException {
        return all(c, "SELECT " + ESCALATION_COLUMNS + " FROM ESCALATION WHERE SUBJECT_TYPE=? AND SUBJECT_REF=? "
                + "AND STATUS<>'RESOLVED' ORDER BY OPENED_AT", subject.type(), subject.ref());
    }

    /** Open (not acknowledged) escalations, for the check that moves them up when nobody reacted. */
    List<StoredEscalation> open(Connection c, int max) throws SQLException {
        return all(c, "SELECT " + ESCALATION_COLUMNS + " FROM ESCALATION WHERE STATUS='OPEN' ORDER BY LEVEL_SINCE "
                + "FETCH FIRST " + max + " ROWS ONLY");
    }

    /** Keyset paging on (OPENED_AT descending, ID descending). */
    List<Escalation> list(Connection c, EscalationQuery q, Long beforeOpenedAt, String beforeId) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + ESCALATION_COLUMNS + " FROM ESCALATION WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.status() != null) {
            sql.append(" AND STATUS=?");
            args.add(q.status().name());
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
        List<Escalation> page = new ArrayList<>();
        for (StoredEscalation e : all(c, sql.toString(), args.toArray())) {
            page.add(e.escalation());
        }
        return page;
    }

    // ---- firings

    Instant lastFired(Connection c, String ruleId, Subject subject) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT FIRED_AT FROM ESCALATION_FIRING WHERE RULE_ID=? AND SUBJECT_TYPE=? AND SUBJECT_REF=?")) {
            s.setString(1, ruleId);
            s.setString(2, subject.type());
            s.setString(3, subject.ref());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Instant.ofEpochMilli(r.getLong(1)) : null;
            }
        }
    }

    /** Records a step of a customer's escalation for the timeline: the escalation as it is after the step. */
    void insertStep(Connection c, Escalation e, HistoryEntry step) throws SQLException {
        if (e.customerId() == null) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ESCALATION_STEP (ESCALATION_ID, CUSTOMER_ID, HAPPENED_AT, "
                + "STEP, LEVEL_NO, RULE_NAME, SUBJECT_TYPE, SUBJECT_REF, ACTOR, REASON) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            s.setString(1, e.id());
            s.setString(2, e.customerId());
            s.setLong(3, step.at().toEpochMilli());
            s.setString(4, step.event());
            s.setInt(5, e.level());
            s.setString(6, e.ruleName());
            s.setString(7, e.subject().type());
            s.setString(8, e.subject().ref());
            s.setString(9, step.by());
            s.setString(10, step.note() == null ? null : step.note().substring(0, Math.min(2000, step.note().length())));
            s.executeUpdate();
        }
    }

    void fired(Connection c, String ruleId, Subject subject, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE ESCALATION_FIRING SET FIRED_AT=? WHERE RULE_ID=? AND SUBJECT_TYPE=? AND SUBJECT_REF=?")) {
            s.setLong(1, at.toEpochMilli());
            s.setString(2, ruleId);
            s.setString(3, subject.type());
            s.setString(4, subject.ref());
            if (s.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO ESCALATION_FIRING (RULE_ID, SUBJECT_TYPE, SUBJECT_REF, FIRED_AT) VALUES (?,?,?,?)")) {
            s.setString(1, ruleId);
            s.setString(2, subject.type());
            s.setString(3, subject.ref());
            s.setLong(4, at.toEpochMilli());
            s.executeUpdate();
        }
    }

    /**
     * Seals what was stored in the clear before secrets were sealed: rule definitions and the deliveries'
     * secrets. Returns how many rows it rewrote; a second call finds nothing.
     */
    int sealStoredSecrets(Connection c) throws SQLException {
        int sealed = 0;
        try (PreparedStatement read = c.prepareStatement("SELECT ID, DEFINITION FROM ESCALATION_RULE");
             PreparedStatement write = c.prepareStatement("UPDATE ESCALATION_RULE SET DEFINITION=? WHERE ID=?");
             ResultSet r = read.executeQuery()) {
            while (r.next()) {
                String stored = r.getString(2);
                if (seal.holdsOpenSecrets(stored)) {
                    write.setString(1, seal.sealIn(stored));
                    write.setString(2, r.getString(1));
                    sealed += write.executeUpdate();
                }
            }
        }
        try (PreparedStatement read = c.prepareStatement("SELECT ID, SECRET FROM ESCALATION_DELIVERY "
                + "WHERE SECRET IS NOT NULL AND SECRET NOT LIKE '" + SecretSeal.PREFIX + "%'");
             PreparedStatement write = c.prepareStatement("UPDATE ESCALATION_DELIVERY SET SECRET=? WHERE ID=?");
             ResultSet r = read.executeQuery()) {
            while (r.next()) {
                write.setString(1, seal.seal(r.getString(2)));
                write.setString(2, r.getString(1));
                sealed += write.executeUpdate();
            }
        }
        return sealed;
    }

    // ---- outbox

    void insertDelivery(Connection c, Delivery d, String secret) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ESCALATION_DELIVERY (" + DELIVERY_COLUMNS
                + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            s.setString(1, d.id());
            s.setString(2, d.escalationId());
            s.setString(3, d.action().name());
            s.setString(4, d.target());
            s.setString(5, d.payload());
            s.setString(6, d.status().name());
            s.setInt(7, d.attempts());
            s.setLong(8, d.createdAt().toEpochMilli());
            s.setLong(9, d.notBefore().toEpochMilli());
            s.setLong(10, d.nextAttemptAt().toEpochMilli());
            Columns.setInstant(s, 11, d.deliveredAt());
            s.setString(12, d.lastError());
            s.setString(13, seal.seal(secret));
            s.executeUpdate();
        }
    }

    /** Pending deliveries whose time has come, the longest waiting first. */
    List<Outgoing> due(Connection c, Instant now, int max) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + DELIVERY_COLUMNS + " FROM ESCALATION_DELIVERY "
                + "WHERE STATUS='PENDING' AND NEXT_ATTEMPT_AT<=? ORDER BY NEXT_ATTEMPT_AT FETCH FIRST " + max + " ROWS ONLY")) {
            s.setLong(1, now.toEpochMilli());
            List<Outgoing> result = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.add(new Outgoing(delivery(r, List.of()), seal.open(r.getString(13))));
                }
            }
            return result;
        }
    }

    /**
     * Takes a due delivery for one attempt by pushing its next attempt past {@code leaseUntil}; false when
     * another worker took it first. A worker that dies mid-attempt leaves it to be retried after the lease.
     */
    boolean claim(Connection c, String id, Instant expectedNextAttempt, Instant leaseUntil) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE ESCALATION_DELIVERY SET NEXT_ATTEMPT_AT=? "
                + "WHERE ID=? AND STATUS='PENDING' AND NEXT_ATTEMPT_AT=?")) {
            s.setLong(1, leaseUntil.toEpochMilli());
            s.setString(2, id);
            s.setLong(3, expectedNextAttempt.toEpochMilli());
            return s.executeUpdate() == 1;
        }
    }

    void recordAttempt(Connection c, String deliveryId, int attempt, DeliveryAttempt a, DeliveryStatus status,
                       Instant nextAttemptAt, Instant deliveredAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ESCALATION_ATTEMPT (DELIVERY_ID, ATTEMPT, ATTEMPTED_AT, "
                + "STATUS_CODE, ERROR, DURATION_MS) VALUES (?,?,?,?,?,?)")) {
            s.setString(1, deliveryId);
            s.setInt(2, attempt);
            s.setLong(3, a.at().toEpochMilli());
            if (a.statusCode() == null) {
                s.setNull(4, Types.INTEGER);
            } else {
                s.setInt(4, a.statusCode());
            }
            s.setString(5, truncate(a.error()));
            s.setLong(6, a.durationMillis());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE ESCALATION_DELIVERY SET STATUS=?, ATTEMPTS=?, "
                + "NEXT_ATTEMPT_AT=?, DELIVERED_AT=?, LAST_ERROR=? WHERE ID=?")) {
            s.setString(1, status.name());
            s.setInt(2, attempt);
            s.setLong(3, nextAttemptAt.toEpochMilli());
            Columns.setInstant(s, 4, deliveredAt);
            s.setString(5, truncate(a.error()));
            s.setString(6, deliveryId);
            s.executeUpdate();
        }
    }

    List<Delivery> deliveries(Connection c, DeliveryStatus status, int max) throws SQLException {
        String sql = "SELECT " + DELIVERY_COLUMNS + " FROM ESCALATION_DELIVERY"
                + (status == null ? "" : " WHERE STATUS=?") + " ORDER BY CREATED_AT DESC, ID FETCH FIRST " + max + " ROWS ONLY";
        List<Delivery> result = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (status != null) {
                s.setString(1, status.name());
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.add(delivery(r, null));
                }
            }
        }
        List<Delivery> withAttempts = new ArrayList<>();
        for (Delivery d : result) {
            withAttempts.add(new Delivery(d.id(), d.escalationId(), d.action(), d.target(), d.payload(), d.status(),
                    d.attempts(), d.createdAt(), d.notBefore(), d.nextAttemptAt(), d.deliveredAt(), d.lastError(),
                    attempts(c, d.id())));
        }
        return withAttempts;
    }

    List<DeliveryAttempt> attempts(Connection c, String deliveryId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT ATTEMPTED_AT, STATUS_CODE, ERROR, DURATION_MS FROM ESCALATION_ATTEMPT "
                + "WHERE DELIVERY_ID=? ORDER BY ATTEMPT")) {
            s.setString(1, deliveryId);
            List<DeliveryAttempt> result = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int code = r.getInt(2);
                    result.add(new DeliveryAttempt(Instant.ofEpochMilli(r.getLong(1)), r.wasNull() ? null : code,
                            r.getString(3), r.getLong(4)));
                }
            }
            return result;
        }
    }

    // ---- mapping

    private Optional<StoredEscalation> first(Connection c, String sql, Object... args) throws SQLException {
        List<StoredEscalation> found = all(c, sql, args);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<StoredEscalation> all(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<StoredEscalation> result = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.add(new StoredEscalation(new Escalation(r.getString(1), r.getString(2), r.getString(3),
                            new Subject(r.getString(4), r.getString(5)), r.getString(6), r.getInt(7),
                            EscalationStatus.valueOf(r.getString(8)), Columns.instant(r, 9), Columns.instant(r, 10), Columns.instant(r, 11),
                            Columns.instant(r, 12), read(r.getString(13), HISTORY), r.getLong(14)),
                            read(r.getString(15), VARIABLES)));
                }
            }
            return result;
        }
    }

    private static Delivery delivery(ResultSet r, List<DeliveryAttempt> attempts) throws SQLException {
        return new Delivery(r.getString(1), r.getString(2), ActionType.valueOf(r.getString(3)), r.getString(4),
                r.getString(5), DeliveryStatus.valueOf(r.getString(6)), r.getInt(7), Columns.instant(r, 8), Columns.instant(r, 9),
                Columns.instant(r, 10), Columns.instant(r, 11), r.getString(12), attempts);
    }



    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }

    static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("escalation data must serialize", e);
        }
    }

    private static <T> T read(String text, TypeReference<T> type) {
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
