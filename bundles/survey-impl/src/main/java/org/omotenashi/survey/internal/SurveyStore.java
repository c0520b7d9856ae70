package org.omotenashi.survey.internal;

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

    /** The counts of one group, as the database sums them. */
    record Row(String key, Scorecard.Counts counts) {
    }

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

    void insertResponse(Connection c, SurveyResponse r, Periods.Keys period) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO SURVEY_RESPONSE (INVITATION_ID, SURVEY_ID, SURVEY_VERSION, "
                + "CUSTOMER_ID, SUBJECT_TYPE, SUBJECT_REF, ANSWERED_AT, ANSWERED_DAY, ANSWERED_WEEK, ANSWERED_MONTH, NPS, CSAT, CES, "
                + "ANSWERS) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
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
            st.executeUpdate();
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
