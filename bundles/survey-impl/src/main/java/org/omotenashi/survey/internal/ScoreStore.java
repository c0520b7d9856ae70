package org.omotenashi.survey.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.omotenashi.core.db.Sql;
import org.omotenashi.survey.api.Ambassador;
import org.omotenashi.survey.api.ScoreGroup;
import org.omotenashi.survey.api.Subject;

/** The counts scores are made of, summed in the database over stored answers and invitations. */
final class ScoreStore {
    /** The counts of one group, as the database sums them. */
    record Row(String key, Scorecard.Counts counts) {
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
        Sql.each(c, sql, p -> p.text(surveyId).instant(from).instant(to), r -> {
            if (r.getLong(2) > 0) { // an ungrouped aggregate over nothing still answers one row
                rows.add(new Row(key(r, group), new Scorecard.Counts(0, 0, r.getLong(2), r.getLong(3), r.getLong(4),
                        r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8), r.getLong(9))));
            }
        });
        return rows;
    }

    /** Counts invitations sent in {@code [from, to)} per group, and how many of them were answered. */
    List<Row> invitationCounts(Connection c, String surveyId, Instant from, Instant to, ScoreGroup group) throws SQLException {
        String column = groupColumn(group, "INVITED");
        String sql = "SELECT " + (column == null ? "'all'" : column) + ", COUNT(*), COUNT(ANSWERED_AT) FROM SURVEY_INVITATION "
                + "WHERE SURVEY_ID=? AND INVITED_AT>=? AND INVITED_AT<?" + (column == null ? "" : " GROUP BY " + column);
        List<Row> rows = new ArrayList<>();
        Sql.each(c, sql, p -> p.text(surveyId).instant(from).instant(to), r -> {
            if (r.getLong(2) > 0) {
                rows.add(new Row(key(r, group), new Scorecard.Counts(r.getLong(2), r.getLong(3), 0, 0, 0, 0, 0, 0, 0, 0)));
            }
        });
        return rows;
    }

    /** The latest promoter answer per customer in the period, most recent first. */
    List<Ambassador> promoters(Connection c, String surveyId, Instant from, Instant to, int limit) throws SQLException {
        // Each customer's latest NPS answer found in one pass over the period, then joined to its row: a subquery per
        // promoter answer read every answer of that customer again (a million answers: several times slower).
        String sql = "SELECT r.CUSTOMER_ID, r.NPS, r.ANSWERED_AT, r.SUBJECT_TYPE, r.SUBJECT_REF FROM SURVEY_RESPONSE r "
                + "JOIN (SELECT CUSTOMER_ID, MAX(ANSWERED_AT) AS LATEST FROM SURVEY_RESPONSE WHERE SURVEY_ID=? "
                + "AND ANSWERED_AT>=? AND ANSWERED_AT<? AND NPS IS NOT NULL GROUP BY CUSTOMER_ID) l "
                + "ON l.CUSTOMER_ID=r.CUSTOMER_ID AND r.ANSWERED_AT=l.LATEST "
                + "WHERE r.SURVEY_ID=? AND r.NPS>=9 "
                + "ORDER BY r.ANSWERED_AT DESC, r.CUSTOMER_ID FETCH FIRST " + limit + " ROWS ONLY";
        return Sql.list(c, sql, r -> new Ambassador(r.getString(1), r.getInt(2), Instant.ofEpochMilli(r.getLong(3)),
                new Subject(r.getString(4), r.getString(5))), surveyId, from, to, surveyId);
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

    /** The group key in the first column: a period number as text, or the customer or subject type. */
    static String key(ResultSet r, ScoreGroup group) throws SQLException {
        return switch (group) {
            case DAY, WEEK, MONTH -> Integer.toString(r.getInt(1));
            default -> r.getString(1);
        };
    }
}
