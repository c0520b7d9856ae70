package org.omotenashi.survey.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.omotenashi.core.db.Params;
import org.omotenashi.core.db.Sql;
import org.omotenashi.survey.api.ScoreGroup;

/**
 * One page of score groups, summed, ordered and cut in the database: the request holds at most one page of
 * groups however many customers or days the period has. The day rows and the stored rows of a period are
 * summed in one query, so the database's own order of the keys decides the page and the cursor alike.
 */
final class ScoreGroupPage {
    private static final String COLUMNS = " AS K, %s AS INVITED, %s AS INVITED_ANSWERED, %s AS ANSWERED, %s AS PROMOTERS, "
            + "%s AS PASSIVES, %s AS DETRACTORS, %s AS SATISFIED, %s AS CSAT_ANSWERS, %s AS CES_SUM, %s AS CES_ANSWERS";
    private static final String NONE = "CAST(0 AS BIGINT)";

    /**
     * The first {@code limit} groups whose key comes after {@code after} (all from the first when null), in
     * key order: period numbers ascending, customers and subject types in the database's order of text.
     */
    List<ScoreStore.Row> groups(Connection c, String surveyId, List<ScoreSources> sources, ScoreGroup group, String after,
                                int limit) throws SQLException {
        if (group == ScoreGroup.NONE || sources.isEmpty()) {
            throw new IllegalArgumentException("a page of groups needs a grouping and a source");
        }
        boolean period = group == ScoreGroup.DAY || group == ScoreGroup.WEEK || group == ScoreGroup.MONTH;
        List<String> parts = new ArrayList<>();
        for (ScoreSources source : sources) {
            if (source instanceof ScoreSources.Days) {
                parts.add(days(group, after != null));
            } else {
                parts.add(answers(group, after != null));
                parts.add(invitations(group, after != null));
            }
        }
        String sql = "SELECT K, SUM(INVITED), SUM(INVITED_ANSWERED), SUM(ANSWERED), SUM(PROMOTERS), SUM(PASSIVES), "
                + "SUM(DETRACTORS), SUM(SATISFIED), SUM(CSAT_ANSWERS), SUM(CES_SUM), SUM(CES_ANSWERS) FROM ("
                + String.join(" UNION ALL ", parts) + ") T GROUP BY K HAVING SUM(INVITED) + SUM(ANSWERED) > 0 "
                + "ORDER BY K FETCH FIRST " + limit + " ROWS ONLY";
        List<ScoreStore.Row> rows = new ArrayList<>();
        Sql.each(c, sql, p -> bind(p, surveyId, sources, period, after), r -> rows.add(new ScoreStore.Row(
                ScoreStore.key(r, group), new Scorecard.Counts(r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5),
                r.getLong(6), r.getLong(7), r.getLong(8), r.getLong(9), r.getLong(10), r.getLong(11)))));
        return rows;
    }

    private static void bind(Params p, String surveyId, List<ScoreSources> sources, boolean period, String after)
            throws SQLException {
        for (ScoreSources source : sources) {
            if (source instanceof ScoreSources.Days d) {
                p.text(surveyId).integer(d.fromDay()).integer(d.toDay());
                after(p, period, after);
            } else if (source instanceof ScoreSources.Stored s) {
                for (int i = 0; i < 2; i++) { // the answers, then the invitations
                    p.text(surveyId).instant(s.from()).instant(s.to());
                    after(p, period, after);
                }
            }
        }
    }

    private static void after(Params p, boolean period, String after) throws SQLException {
        if (after != null) {
            if (period) {
                p.integer(Integer.parseInt(after));
            } else {
                p.text(after);
            }
        }
    }

    private static String answers(ScoreGroup group, boolean after) {
        String column = column(group, "ANSWERED");
        return "SELECT " + column + COLUMNS.formatted(NONE, NONE, "CAST(COUNT(*) AS BIGINT)",
                "CAST(SUM(CASE WHEN NPS>=9 THEN 1 ELSE 0 END) AS BIGINT)",
                "CAST(SUM(CASE WHEN NPS BETWEEN 7 AND 8 THEN 1 ELSE 0 END) AS BIGINT)",
                "CAST(SUM(CASE WHEN NPS<=6 THEN 1 ELSE 0 END) AS BIGINT)",
                "CAST(SUM(CASE WHEN CSAT>=4 THEN 1 ELSE 0 END) AS BIGINT)", "CAST(COUNT(CSAT) AS BIGINT)",
                "SUM(CAST(CES AS BIGINT))", "CAST(COUNT(CES) AS BIGINT)")
                + " FROM SURVEY_RESPONSE WHERE SURVEY_ID=? AND ANSWERED_AT>=? AND ANSWERED_AT<?"
                + (after ? " AND " + column + ">?" : "") + " GROUP BY " + column;
    }

    private static String invitations(ScoreGroup group, boolean after) {
        String column = column(group, "INVITED");
        return "SELECT " + column + COLUMNS.formatted("CAST(COUNT(*) AS BIGINT)", "CAST(COUNT(ANSWERED_AT) AS BIGINT)",
                NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE)
                + " FROM SURVEY_INVITATION WHERE SURVEY_ID=? AND INVITED_AT>=? AND INVITED_AT<?"
                + (after ? " AND " + column + ">?" : "") + " GROUP BY " + column;
    }

    private static String days(ScoreGroup group, boolean after) {
        String column = switch (group) {
            case DAY -> "DAY";
            case WEEK -> "WEEK";
            case MONTH -> "MONTH";
            default -> throw new IllegalArgumentException(group + " is not kept per day");
        };
        return "SELECT " + column + COLUMNS.formatted("SUM(INVITED)", "SUM(INVITED_ANSWERED)", "SUM(ANSWERED)",
                "SUM(PROMOTERS)", "SUM(PASSIVES)", "SUM(DETRACTORS)", "SUM(SATISFIED)", "SUM(CSAT_ANSWERS)", "SUM(CES_SUM)",
                "SUM(CES_ANSWERS)") + " FROM SURVEY_DAY WHERE SURVEY_ID=? AND DAY>=? AND DAY<?"
                + (after ? " AND " + column + ">?" : "") + " GROUP BY " + column;
    }

    private static String column(ScoreGroup group, String prefix) {
        return switch (group) {
            case DAY -> prefix + "_DAY";
            case WEEK -> prefix + "_WEEK";
            case MONTH -> prefix + "_MONTH";
            case CUSTOMER -> "CUSTOMER_ID";
            case SUBJECT_TYPE -> "SUBJECT_TYPE";
            case NONE -> throw new IllegalArgumentException("no column groups by nothing");
        };
    }
}
