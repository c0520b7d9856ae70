package org.omotenashi.survey.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import org.omotenashi.core.db.Params;
import org.omotenashi.core.db.Sql;
import org.omotenashi.survey.api.Language;
import org.omotenashi.survey.api.Subject;
import org.omotenashi.survey.api.SurveyResponse;

/** SQL for answers, given live or imported from history, on a connection whose transaction the caller owns. */
final class ResponseStore {
    private static final TypeReference<Map<String, String>> ANSWERS = new TypeReference<>() { };
    private static final String INSERT = "INSERT INTO SURVEY_RESPONSE (INVITATION_ID, SURVEY_ID, SURVEY_VERSION, "
            + "CUSTOMER_ID, SUBJECT_TYPE, SUBJECT_REF, ANSWERED_AT, ANSWERED_DAY, ANSWERED_WEEK, ANSWERED_MONTH, NPS, CSAT, CES, "
            + "ANSWERS) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private final InvitationStore invitations;

    ResponseStore(InvitationStore invitations) {
        this.invitations = invitations;
    }

    /** A checked, scored imported answer with what its answered invitation needs; importRef may be null. */
    record Imported(SurveyResponse response, String contact, Language language, Periods.Keys period, String importRef) {
    }

    /** Receives streamed responses. */
    @FunctionalInterface
    interface ResponseSink {
        void accept(SurveyResponse response) throws SQLException;
    }

    void insertResponse(Connection c, SurveyResponse r, Periods.Keys period) throws SQLException {
        Sql.update(c, INSERT, p -> bind(p, r, period));
    }

    /** Stores imported answers, each with an invitation invited and answered at the answer's time. */
    void insertImported(Connection c, List<Imported> rows) throws SQLException {
        invitations.insertAnswered(c, rows);
        Sql.batch(c, INSERT, rows, (p, row) -> bind(p, row.response(), row.period()));
    }

    /** The survey versions that have answers in the period, so the CSV knows its columns before the rows. */
    List<Integer> answeredVersions(Connection c, String surveyId, Instant from, Instant to) throws SQLException {
        return Sql.list(c, "SELECT DISTINCT SURVEY_VERSION FROM SURVEY_RESPONSE WHERE SURVEY_ID=? AND ANSWERED_AT>=? "
                + "AND ANSWERED_AT<? ORDER BY SURVEY_VERSION", r -> r.getInt(1), surveyId, from, to);
    }

    /** Streams the responses of the period, oldest first, to {@code each}. */
    void responses(Connection c, String surveyId, Instant from, Instant to, ResponseSink each) throws SQLException {
        Sql.each(c, "SELECT INVITATION_ID, SURVEY_VERSION, CUSTOMER_ID, SUBJECT_TYPE, SUBJECT_REF, ANSWERED_AT, NPS, CSAT, "
                + "CES, ANSWERS FROM SURVEY_RESPONSE WHERE SURVEY_ID=? AND ANSWERED_AT>=? AND ANSWERED_AT<? "
                + "ORDER BY ANSWERED_AT, INVITATION_ID", p -> p.text(surveyId).instant(from).instant(to),
                r -> each.accept(new SurveyResponse(r.getString(1), surveyId, r.getInt(2), r.getString(3),
                        new Subject(r.getString(4), r.getString(5)), Instant.ofEpochMilli(r.getLong(6)),
                        StoredJson.read(r.getString(10), ANSWERS), score(r, 7), score(r, 8), score(r, 9))));
    }

    private static Params bind(Params p, SurveyResponse r, Periods.Keys period) throws SQLException {
        return p.text(r.invitationId()).text(r.surveyId()).integer(r.surveyVersion()).text(r.customerId())
                .text(r.subject().type()).text(r.subject().ref()).instant(r.answeredAt()).integer(period.day())
                .integer(period.week()).integer(period.month()).smallint(r.nps()).smallint(r.csat()).smallint(r.ces())
                .text(StoredJson.write(r.answers()));
    }

    private static Integer score(ResultSet r, int column) throws SQLException {
        int value = r.getInt(column);
        return r.wasNull() ? null : value;
    }
}
