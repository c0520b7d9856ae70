package org.omotenashi.survey.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import org.omotenashi.core.json.Json;
import org.omotenashi.survey.api.Ambassador;
import org.omotenashi.survey.api.Language;
import org.omotenashi.survey.api.Question;
import org.omotenashi.survey.api.ScoreGroup;
import org.omotenashi.survey.api.Subject;
import org.omotenashi.survey.api.Survey;
import org.omotenashi.survey.api.SurveyResponse;

/** SQL for surveys, one statement per method, on a connection whose transaction the caller owns. */
final class SurveyStore {
    private static final TypeReference<List<Question>> QUESTIONS = new TypeReference<>() { };
    private static final TypeReference<List<String>> TOPICS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> ANSWERS = new TypeReference<>() { };

    /** A stored invitation, as the guest's token finds it. */
    record Invitation(String id, String surveyId, int surveyVersion, String customerId, Language language,
                      Subject subject, Instant invitedAt, Instant expiresAt, Instant answeredAt) {
    }

    /** One row of what the customer's timeline shows of surveys. */
    record Activity(String customerId, Instant at, String kind, String surveyId, String invitationId, Subject subject,
                    Integer nps, Integer csat, Integer ces, String by, String reason, String triggerTopic) {
        static final String INVITED = "INVITED";
        static final String ANSWERED = "ANSWERED";
        static final String SKIPPED = "SKIPPED";
    }

    /** Writes timeline rows in the caller's transaction. */
    void insertActivities(Connection c, List<Activity> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO SURVEY_TIMELINE (CUSTOMER_ID, HAPPENED_AT, KIND, SURVEY_ID, "
                + "INVITATION_ID, SUBJECT_TYPE, SUBJECT_REF, NPS, CSAT, CES, ACTOR, REASON, TRIGGER_TOPIC) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (Activity a : rows) {
                st.setString(1, a.customerId());
                st.setLong(2, a.at().toEpochMilli());
                st.setString(3, a.kind());
                st.setString(4, a.surveyId());
                st.setString(5, a.invitationId());
                st.setString(6, a.subject() == null ? null : a.subject().type());
                st.setString(7, a.subject() == null ? null : a.subject().ref());
                setScore(st, 8, a.nps());
                setScore(st, 9, a.csat());
                setScore(st, 10, a.ces());
                st.setString(11, a.by());
                st.setString(12, a.reason() == null ? null : a.reason().substring(0, Math.min(1000, a.reason().length())));
                st.setString(13, a.triggerTopic());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /** The counts of one group, as the database sums them. */
    record Row(String key, Scorecard.Counts counts) {
    }

    /** A checked, scored imported answer with what its answered invitation needs; importRef may be null. */
    record Imported(SurveyResponse response, String contact, Language language, Periods.Keys period, String importRef) {
    }

    /** Rows per JDBC batch: large enough to save round trips, small enough to keep the driver's buffers modest. */
    private static final int BATCH = 500;

    void insertSurvey(Connection c, Survey s) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO SURVEY (ID, NAME, CURRENT_VERSION, CREATED_AT) VALUES (?,?,?,?)")) {
            st.setString(1, s.id());
            st.setString(2, s.name());
            st.setInt(3, s.version());
            st.setLong(4, s.createdAt().toEpochMilli());
            st.executeUpdate();
        }
        insertVersion(c, s);
    }

    /** Moves the survey to a new version, if nobody else did since {@code s.version() - 1}. */
    boolean insertNextVersion(Connection c, Survey s) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE SURVEY SET NAME=?, CURRENT_VERSION=? WHERE ID=? AND CURRENT_VERSION=?")) {
            st.setString(1, s.name());
            st.setInt(2, s.version());
            st.setString(3, s.id());
            st.setInt(4, s.version() - 1);
            if (st.executeUpdate() != 1) {
                return false;
            }
        }
        insertVersion(c, s);
        return true;
    }

    private void insertVersion(Connection c, Survey s) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO SURVEY_VERSION (SURVEY_ID, VERSION, NAME, QUESTIONS, TRIGGERS, "
                + "CREATED_AT, CREATED_BY) VALUES (?,?,?,?,?,?,?)")) {
            st.setString(1, s.id());
            st.setInt(2, s.version());
            st.setString(3, s.name());
            st.setString(4, json(s.questions()));
            st.setString(5, json(s.triggers()));
            st.setLong(6, s.createdAt().toEpochMilli());
            st.setString(7, s.createdBy());
            st.executeUpdate();
        }
    }

    Optional<Survey> current(Connection c, String id) throws SQLException {
        List<Survey> found = surveys(c, "SELECT v.SURVEY_ID, v.VERSION, v.NAME, v.QUESTIONS, v.TRIGGERS, v.CREATED_AT, v.CREATED_BY "
                + "FROM SURVEY s JOIN SURVEY_VERSION v ON v.SURVEY_ID=s.ID AND v.VERSION=s.CURRENT_VERSION WHERE s.ID=?", id);
        return found.stream().findFirst();
    }

    Optional<Survey> version(Connection c, String id, int version) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT SURVEY_ID, VERSION, NAME, QUESTIONS, TRIGGERS, CREATED_AT, CREATED_BY "
                + "FROM SURVEY_VERSION WHERE SURVEY_ID=? AND VERSION=?")) {
            st.setString(1, id);
            st.setInt(2, version);
            try (ResultSet r = st.executeQuery()) {
                return r.next() ? Optional.of(survey(r)) : Optional.empty();
            }
        }
    }

    List<Survey> allCurrent(Connection c) throws SQLException {
        return surveys(c, "SELECT v.SURVEY_ID, v.VERSION, v.NAME, v.QUESTIONS, v.TRIGGERS, v.CREATED_AT, v.CREATED_BY "
                + "FROM SURVEY s JOIN SURVEY_VERSION v ON v.SURVEY_ID=s.ID AND v.VERSION=s.CURRENT_VERSION ORDER BY v.NAME, v.SURVEY_ID", null);
    }

    private List<Survey> surveys(Connection c, String sql, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            if (id != null) {
                st.setString(1, id);
            }
            List<Survey> found = new ArrayList<>();
            try (ResultSet r = st.executeQuery()) {
                while (r.next()) {
                    found.add(survey(r));
                }
            }
            return found;
        }
    }

    /**
     * Claims the contact for a new invitation unless one was sent after {@code notAfter}; false means the
     * fatigue rule refuses. The conditional update makes two simultaneous claims end with one winner.
     */
    boolean claimContact(Connection c, String contact, Instant now, Instant notAfter) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE SURVEY_CONTACT SET LAST_INVITED_AT=? WHERE CONTACT=? AND LAST_INVITED_AT<=?")) {
            st.setLong(1, now.toEpochMilli());
            st.setString(2, contact);
            st.setLong(3, notAfter.toEpochMilli());
            if (st.executeUpdate() == 1) {
                return true;
            }
        }
        if (lastInvited(c, contact).isPresent()) {
            return false;
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO SURVEY_CONTACT (CONTACT, LAST_INVITED_AT) VALUES (?,?)")) {
            st.setString(1, contact);
            st.setLong(2, now.toEpochMilli());
            st.executeUpdate();
            return true;
        }
    }

    Optional<Instant> lastInvited(Connection c, String contact) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT LAST_INVITED_AT FROM SURVEY_CONTACT WHERE CONTACT=?")) {
            st.setString(1, contact);
            try (ResultSet r = st.executeQuery()) {
                return r.next() ? Optional.of(Instant.ofEpochMilli(r.getLong(1))) : Optional.empty();
            }
        }
    }

    void insertInvitation(Connection c, Invitation i, String tokenHash, String contact, Periods.Keys period, String topic)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO SURVEY_INVITATION (ID, TOKEN_HASH, SURVEY_ID, SURVEY_VERSION, "
                + "CUSTOMER_ID, CONTACT, LANGUAGE, SUBJECT_TYPE, SUBJECT_REF, INVITED_AT, INVITED_DAY, INVITED_WEEK, INVITED_MONTH, "
                + "EXPIRES_AT, TRIGGER_TOPIC) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            st.setString(1, i.id());
            st.setString(2, tokenHash);
            st.setString(3, i.surveyId());
            st.setInt(4, i.surveyVersion());
            st.setString(5, i.customerId());
            st.setString(6, contact);
            st.setString(7, i.language().name());
            st.setString(8, i.subject().type());
            st.setString(9, i.subject().ref());
            st.setLong(10, i.invitedAt().toEpochMilli());
            st.setInt(11, period.day());
            st.setInt(12, period.week());
            st.setInt(13, period.month());
            st.setLong(14, i.expiresAt().toEpochMilli());
            st.setString(15, topic);
            st.executeUpdate();
        }
    }

    Optional<Invitation> invitationByToken(Connection c, String tokenHash) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT ID, SURVEY_ID, SURVEY_VERSION, CUSTOMER_ID, LANGUAGE, SUBJECT_TYPE, "
                + "SUBJECT_REF, INVITED_AT, EXPIRES_AT, ANSWERED_AT FROM SURVEY_INVITATION WHERE TOKEN_HASH=?")) {
            st.setString(1, tokenHash);
            try (ResultSet r = st.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                long answered = r.getLong(10);
                boolean unanswered = r.wasNull();
                return Optional.of(new Invitation(r.getString(1), r.getString(2), r.getInt(3), r.getString(4),
                        Language.valueOf(r.getString(5)), new Subject(r.getString(6), r.getString(7)),
                        Instant.ofEpochMilli(r.getLong(8)), Instant.ofEpochMilli(r.getLong(9)),
                        unanswered ? null : Instant.ofEpochMilli(answered)));
            }
        }
    }

    /** Marks the invitation answered unless it already is; false means someone answered first. */
    boolean markAnswered(Connection c, String invitationId, Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE SURVEY_INVITATION SET ANSWERED_AT=? WHERE ID=? AND ANSWERED_AT IS NULL")) {
            st.setLong(1, at.toEpochMilli());
            st.setString(2, invitationId);
            return st.executeUpdate() == 1;
        }
    }

    private static final String INSERT_RESPONSE = "INSERT INTO SURVEY_RESPONSE (INVITATION_ID, SURVEY_ID, SURVEY_VERSION, "
            + "CUSTOMER_ID, SUBJECT_TYPE, SUBJECT_REF, ANSWERED_AT, ANSWERED_DAY, ANSWERED_WEEK, ANSWERED_MONTH, NPS, CSAT, CES, "
            + "ANSWERS) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    void insertResponse(Connection c, SurveyResponse r, Periods.Keys period) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(INSERT_RESPONSE)) {
            bindResponse(st, r, period);
            st.executeUpdate();
        }
    }

    private static void bindResponse(PreparedStatement st, SurveyResponse r, Periods.Keys period) throws SQLException {
        st.setString(1, r.invitationId());
        st.setString(2, r.surveyId());
        st.setInt(3, r.surveyVersion());
        st.setString(4, r.customerId());
        st.setString(5, r.subject().type());
        st.setString(6, r.subject().ref());
        st.setLong(7, r.answeredAt().toEpochMilli());
        st.setInt(8, period.day());
        st.setInt(9, period.week());
        st.setInt(10, period.month());
        setScore(st, 11, r.nps());
        setScore(st, 12, r.csat());
        setScore(st, 13, r.ces());
        st.setString(14, json(r.answers()));
    }

    /**
     * Stores imported answers with an invitation each, invited and answered at the answer's time. The
     * invitation's token hash is a marker no SHA-256 hex can equal, so no link ever opens it.
     */
    void insertImported(Connection c, List<Imported> rows) throws SQLException {
        try (PreparedStatement inv = c.prepareStatement("INSERT INTO SURVEY_INVITATION (ID, TOKEN_HASH, SURVEY_ID, SURVEY_VERSION, "
                + "CUSTOMER_ID, CONTACT, LANGUAGE, SUBJECT_TYPE, SUBJECT_REF, INVITED_AT, INVITED_DAY, INVITED_WEEK, INVITED_MONTH, "
                + "EXPIRES_AT, ANSWERED_AT, IMPORT_REF) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement res = c.prepareStatement(INSERT_RESPONSE)) {
            int pending = 0;
            for (Imported row : rows) {
                SurveyResponse r = row.response();
                long at = r.answeredAt().toEpochMilli();
                inv.setString(1, r.invitationId());
                inv.setString(2, "imported:" + r.invitationId());
                inv.setString(3, r.surveyId());
                inv.setInt(4, r.surveyVersion());
                inv.setString(5, r.customerId());
                inv.setString(6, row.contact());
                inv.setString(7, row.language().name());
                inv.setString(8, r.subject().type());
                inv.setString(9, r.subject().ref());
                inv.setLong(10, at);
                inv.setInt(11, row.period().day());
                inv.setInt(12, row.period().week());
                inv.setInt(13, row.period().month());
                inv.setLong(14, at);
                inv.setLong(15, at);
                inv.setString(16, row.importRef());
                inv.addBatch();
                bindResponse(res, r, row.period());
                res.addBatch();
                if (++pending == BATCH) {
                    inv.executeBatch();
                    res.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                inv.executeBatch();
                res.executeBatch();
            }
        }
    }

    /** Of {@code refs}, those an earlier import into the survey already stored. */
    Set<String> importedRefs(Connection c, String surveyId, List<String> refs) throws SQLException {
        Set<String> stored = new HashSet<>();
        for (int from = 0; from < refs.size(); from += BATCH) {
            List<String> chunk = refs.subList(from, Math.min(refs.size(), from + BATCH));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT IMPORT_REF FROM SURVEY_INVITATION WHERE SURVEY_ID=? AND IMPORT_REF IN (" + marks + ")")) {
                s.setString(1, surveyId);
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 2, chunk.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        stored.add(r.getString(1));
                    }
                }
            }
        }
        return stored;
    }

    /** What to add to one day's rollup row. */
    record DayCounts(Periods.Keys period, Scorecard.Counts counts) {
    }

    /**
     * Adds to the day rows of a survey, in the caller's transaction. Rows are taken in ascending day order, so
     * two transactions touching the same days never wait on each other in a circle.
     */
    void addToDays(Connection c, String surveyId, List<DayCounts> additions) throws SQLException {
        java.util.TreeMap<Integer, DayCounts> byDay = new java.util.TreeMap<>();
        for (DayCounts a : additions) {
            byDay.merge(a.period().day(), a, (x, y) -> new DayCounts(x.period(), x.counts().plus(y.counts())));
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE SURVEY_DAY SET INVITED=INVITED+?, "
                + "INVITED_ANSWERED=INVITED_ANSWERED+?, ANSWERED=ANSWERED+?, PROMOTERS=PROMOTERS+?, PASSIVES=PASSIVES+?, "
                + "DETRACTORS=DETRACTORS+?, SATISFIED=SATISFIED+?, CSAT_ANSWERS=CSAT_ANSWERS+?, CES_SUM=CES_SUM+?, "
                + "CES_ANSWERS=CES_ANSWERS+? WHERE SURVEY_ID=? AND DAY=?")) {
            for (DayCounts a : byDay.values()) {
                int i = bindCounts(update, 1, a.counts());
                update.setString(i, surveyId);
                update.setInt(i + 1, a.period().day());
                if (update.executeUpdate() == 1) {
                    continue;
                }
                // The first write of the day inserts; a concurrent first write makes the insert a duplicate,
                // and the savepoint keeps the transaction usable (PostgreSQL aborts it otherwise) to update instead.
                java.sql.Savepoint before = c.setSavepoint();
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO SURVEY_DAY (INVITED, INVITED_ANSWERED, ANSWERED, "
                        + "PROMOTERS, PASSIVES, DETRACTORS, SATISFIED, CSAT_ANSWERS, CES_SUM, CES_ANSWERS, SURVEY_ID, DAY, WEEK, MONTH) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    int j = bindCounts(insert, 1, a.counts());
                    insert.setString(j, surveyId);
                    insert.setInt(j + 1, a.period().day());
                    insert.setInt(j + 2, a.period().week());
                    insert.setInt(j + 3, a.period().month());
                    insert.executeUpdate();
                    c.releaseSavepoint(before);
                } catch (SQLException e) {
                    if (!org.omotenashi.core.db.Transactions.isDuplicateKey(e)) {
                        throw e;
                    }
                    c.rollback(before);
                    if (update.executeUpdate() != 1) {
                        throw e;
                    }
                }
            }
        }
    }

    private static int bindCounts(PreparedStatement st, int first, Scorecard.Counts n) throws SQLException {
        long[] values = {n.invited(), n.invitedAnswered(), n.answered(), n.promoters(), n.passives(), n.detractors(),
                n.satisfied(), n.csatAnswers(), n.cesSum(), n.cesAnswers()};
        for (int i = 0; i < values.length; i++) {
            st.setLong(first + i, values[i]);
        }
        return first + values.length;
    }

    /** The period keys an invitation was stored with, which its answer's rollup must count it under. */
    Periods.Keys invitedPeriod(Connection c, String invitationId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT INVITED_DAY, INVITED_WEEK, INVITED_MONTH FROM SURVEY_INVITATION WHERE ID=?")) {
            st.setString(1, invitationId);
            try (ResultSet r = st.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("invitation " + invitationId + " vanished within its own transaction");
                }
                return new Periods.Keys(r.getInt(1), r.getInt(2), r.getInt(3));
            }
        }
    }

    /** Sums the day rows of a survey for the days {@code [fromDay, toDay)} per group. */
    List<Row> dayCounts(Connection c, String surveyId, int fromDay, int toDay, ScoreGroup group) throws SQLException {
        String column = switch (group) {
            case NONE -> null;
            case DAY -> "DAY";
            case WEEK -> "WEEK";
            case MONTH -> "MONTH";
            default -> throw new IllegalArgumentException(group + " is not kept per day");
        };
        String sql = "SELECT " + (column == null ? "'all'" : column) + ", SUM(INVITED), SUM(INVITED_ANSWERED), SUM(ANSWERED), "
                + "SUM(PROMOTERS), SUM(PASSIVES), SUM(DETRACTORS), SUM(SATISFIED), SUM(CSAT_ANSWERS), SUM(CES_SUM), SUM(CES_ANSWERS) "
                + "FROM SURVEY_DAY WHERE SURVEY_ID=? AND DAY>=? AND DAY<?" + (column == null ? "" : " GROUP BY " + column);
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, surveyId);
            st.setInt(2, fromDay);
            st.setInt(3, toDay);
            try (ResultSet r = st.executeQuery()) {
                while (r.next()) {
                    Scorecard.Counts n = new Scorecard.Counts(r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6),
                            r.getLong(7), r.getLong(8), r.getLong(9), r.getLong(10), r.getLong(11));
                    if (n.invited() + n.answered() > 0) { // an ungrouped sum over no rows still answers one row
                        rows.add(new Row(key(r, group), n));
                    }
                }
            }
        }
        return rows;
    }

    /**
     * True when, around {@code edge}, every invitation and answer has a day key on the same side of {@code day}
     * as its instant is of {@code edge}. Keys are fixed with the zone of their day; after a change of zone
     * they can disagree near midnight, and then only the stored instants give exact scores.
     */
    boolean dayKeysAgree(Connection c, String surveyId, Instant edge, int day) throws SQLException {
        // No zone is further than 26 hours from another, so three days either side hold every possible disagreement.
        long at = edge.toEpochMilli();
        long margin = java.time.Duration.ofDays(3).toMillis();
        // Each check is a plain range over (survey, instant), which the databases answer from an index;
        // one OR of two ranges would make Derby scan the survey's whole history.
        return count(c, "SURVEY_RESPONSE", "ANSWERED", surveyId, at - margin, at, ">=", day) == 0
                && count(c, "SURVEY_RESPONSE", "ANSWERED", surveyId, at, at + margin, "<", day) == 0
                && count(c, "SURVEY_INVITATION", "INVITED", surveyId, at - margin, at, ">=", day) == 0
                && count(c, "SURVEY_INVITATION", "INVITED", surveyId, at, at + margin, "<", day) == 0;
    }

    private static long count(Connection c, String table, String prefix, String surveyId, long from, long to, String compare,
                              int day) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE SURVEY_ID=? AND " + prefix
                + "_AT>=? AND " + prefix + "_AT<? AND " + prefix + "_DAY" + compare + "?")) {
            st.setString(1, surveyId);
            st.setLong(2, from);
            st.setLong(3, to);
            st.setInt(4, day);
            try (ResultSet r = st.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Sums the answers of a survey in {@code [from, to)} per group, in the database. */
    List<Row> answerCounts(Connection c, String surveyId, Instant from, Instant to, ScoreGroup group) throws SQLException {
        String column = groupColumn(group, "ANSWERED");
        String sql = "SELECT " + (column == null ? "'all'" : column) + ", COUNT(*), "
                + "SUM(CASE WHEN NPS>=9 THEN 1 ELSE 0 END), SUM(CASE WHEN NPS BETWEEN 7 AND 8 THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN NPS<=6 THEN 1 ELSE 0 END), SUM(CASE WHEN CSAT>=4 THEN 1 ELSE 0 END), COUNT(CSAT), "
                + "SUM(CAST(CES AS BIGINT)), COUNT(CES) FROM SURVEY_RESPONSE WHERE SURVEY_ID=? AND ANSWERED_AT>=? AND ANSWERED_AT<?"
                + (column == null ? "" : " GROUP BY " + column);
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, surveyId);
            st.setLong(2, from.toEpochMilli());
            st.setLong(3, to.toEpochMilli());
            try (ResultSet r = st.executeQuery()) {
                while (r.next()) {
                    if (r.getLong(2) == 0) {
                        continue; // an ungrouped aggregate over nothing still answers one row
                    }
                    rows.add(new Row(key(r, group), new Scorecard.Counts(0, 0, r.getLong(2), r.getLong(3), r.getLong(4),
                            r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8), r.getLong(9))));
                }
            }
        }
        return rows;
    }

    /** Counts invitations sent in {@code [from, to)} per group, and how many of them were answered. */
    List<Row> invitationCounts(Connection c, String surveyId, Instant from, Instant to, ScoreGroup group) throws SQLException {
        String column = groupColumn(group, "INVITED");
        String sql = "SELECT " + (column == null ? "'all'" : column) + ", COUNT(*), COUNT(ANSWERED_AT) FROM SURVEY_INVITATION "
                + "WHERE SURVEY_ID=? AND INVITED_AT>=? AND INVITED_AT<?" + (column == null ? "" : " GROUP BY " + column);
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, surveyId);
            st.setLong(2, from.toEpochMilli());
            st.setLong(3, to.toEpochMilli());
            try (ResultSet r = st.executeQuery()) {
                while (r.next()) {
                    if (r.getLong(2) == 0) {
                        continue;
                    }
                    rows.add(new Row(key(r, group), new Scorecard.Counts(r.getLong(2), r.getLong(3), 0, 0, 0, 0, 0, 0, 0, 0)));
                }
            }
        }
        return rows;
    }

    /** The latest promoter answer per customer in the period, most recent first. */
    List<Ambassador> promoters(Connection c, String surveyId, Instant from, Instant to, int limit) throws SQLException {
        String sql = "SELECT r.CUSTOMER_ID, r.NPS, r.ANSWERED_AT, r.SUBJECT_TYPE, r.SUBJECT_REF FROM SURVEY_RESPONSE r "
                + "WHERE r.SURVEY_ID=? AND r.ANSWERED_AT>=? AND r.ANSWERED_AT<? AND r.NPS>=9 AND r.ANSWERED_AT = "
                + "(SELECT MAX(l.ANSWERED_AT) FROM SURVEY_RESPONSE l WHERE l.SURVEY_ID=r.SURVEY_ID AND l.CUSTOMER_ID=r.CUSTOMER_ID "
                + "AND l.ANSWERED_AT>=? AND l.ANSWERED_AT<? AND l.NPS IS NOT NULL) "
                + "ORDER BY r.ANSWERED_AT DESC, r.CUSTOMER_ID FETCH FIRST " + limit + " ROWS ONLY";
        List<Ambassador> found = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, surveyId);
            st.setLong(2, from.toEpochMilli());
            st.setLong(3, to.toEpochMilli());
            st.setLong(4, from.toEpochMilli());
            st.setLong(5, to.toEpochMilli());
            try (ResultSet r = st.executeQuery()) {
                while (r.next()) {
                    found.add(new Ambassador(r.getString(1), r.getInt(2), Instant.ofEpochMilli(r.getLong(3)),
                            new Subject(r.getString(4), r.getString(5))));
                }
            }
        }
        return found;
    }

    /** The survey versions that have answers in the period, so the CSV knows its columns before the rows. */
    List<Integer> answeredVersions(Connection c, String surveyId, Instant from, Instant to) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT DISTINCT SURVEY_VERSION FROM SURVEY_RESPONSE "
                + "WHERE SURVEY_ID=? AND ANSWERED_AT>=? AND ANSWERED_AT<? ORDER BY SURVEY_VERSION")) {
            st.setString(1, surveyId);
            st.setLong(2, from.toEpochMilli());
            st.setLong(3, to.toEpochMilli());
            List<Integer> versions = new ArrayList<>();
            try (ResultSet r = st.executeQuery()) {
                while (r.next()) {
                    versions.add(r.getInt(1));
                }
            }
            return versions;
        }
    }

    /** Streams the responses of the period, oldest first, to {@code each}. */
    void responses(Connection c, String surveyId, Instant from, Instant to, ResponseSink each) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT INVITATION_ID, SURVEY_VERSION, CUSTOMER_ID, SUBJECT_TYPE, SUBJECT_REF, "
                + "ANSWERED_AT, NPS, CSAT, CES, ANSWERS FROM SURVEY_RESPONSE WHERE SURVEY_ID=? AND ANSWERED_AT>=? AND ANSWERED_AT<? "
                + "ORDER BY ANSWERED_AT, INVITATION_ID")) {
            st.setString(1, surveyId);
            st.setLong(2, from.toEpochMilli());
            st.setLong(3, to.toEpochMilli());
            st.setFetchSize(500);
            try (ResultSet r = st.executeQuery()) {
                while (r.next()) {
                    each.accept(new SurveyResponse(r.getString(1), surveyId, r.getInt(2), r.getString(3),
                            new Subject(r.getString(4), r.getString(5)), Instant.ofEpochMilli(r.getLong(6)),
                            parse(r.getString(10), ANSWERS), score(r, 7), score(r, 8), score(r, 9)));
                }
            }
        }
    }

    /** Receives streamed responses. */
    @FunctionalInterface
    interface ResponseSink {
        void accept(SurveyResponse response) throws SQLException;
    }

    private static String groupColumn(ScoreGroup group, String prefix) {
        return switch (group) {
            case NONE -> null;
            case DAY -> prefix + "_DAY";
            case WEEK -> prefix + "_WEEK";
            case MONTH -> prefix + "_MONTH";
            case CUSTOMER -> "CUSTOMER_ID";
            case SUBJECT_TYPE -> "SUBJECT_TYPE";
        };
    }

    private static String key(ResultSet r, ScoreGroup group) throws SQLException {
        return switch (group) {
            case DAY, WEEK, MONTH -> Integer.toString(r.getInt(1));
            default -> r.getString(1);
        };
    }

    private static Survey survey(ResultSet r) throws SQLException {
        return new Survey(r.getString(1), r.getInt(2), r.getString(3), parse(r.getString(4), QUESTIONS),
                parse(r.getString(5), TOPICS), Instant.ofEpochMilli(r.getLong(6)), r.getString(7));
    }

    private static Integer score(ResultSet r, int column) throws SQLException {
        int value = r.getInt(column);
        return r.wasNull() ? null : value;
    }

    private static void setScore(PreparedStatement st, int index, Integer value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.SMALLINT);
        } else {
            st.setInt(index, value);
        }
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("survey data is always serialisable", e);
        }
    }

    private static <T> T parse(String text, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored survey data is unreadable", e);
        }
    }
}
