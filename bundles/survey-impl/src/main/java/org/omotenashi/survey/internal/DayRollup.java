package org.omotenashi.survey.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.omotenashi.core.db.Params;
import org.omotenashi.core.db.Sql;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.survey.api.ScoreGroup;

/**
 * The day rows of a survey: per day the counts its scores are made of, kept up to date in the transaction of
 * every invitation and answer, so scores over long periods add up days instead of answers.
 */
final class DayRollup {
    /** No zone is further than 26 hours from another, so three days either side hold every possible disagreement. */
    private static final long KEY_MARGIN_MILLIS = Duration.ofDays(3).toMillis();

    /** What to add to one day's rollup row. */
    record DayCounts(Periods.Keys period, Scorecard.Counts counts) {
    }

    /**
     * Adds to the day rows of a survey, in the caller's transaction. Rows are taken in ascending day order, so
     * two transactions touching the same days never wait on each other in a circle.
     */
    void addToDays(Connection c, String surveyId, List<DayCounts> additions) throws SQLException {
        TreeMap<Integer, DayCounts> byDay = new TreeMap<>();
        for (DayCounts a : additions) {
            byDay.merge(a.period().day(), a, (x, y) -> new DayCounts(x.period(), x.counts().plus(y.counts())));
        }
        for (DayCounts a : byDay.values()) {
            if (update(c, surveyId, a) == 1) {
                continue;
            }
            // The first write of the day inserts; a concurrent first write makes the insert a duplicate,
            // and the savepoint keeps the transaction usable (PostgreSQL aborts it otherwise) to update instead.
            Savepoint before = c.setSavepoint();
            try {
                Sql.update(c, "INSERT INTO SURVEY_DAY (INVITED, INVITED_ANSWERED, ANSWERED, PROMOTERS, PASSIVES, "
                        + "DETRACTORS, SATISFIED, CSAT_ANSWERS, CES_SUM, CES_ANSWERS, SURVEY_ID, DAY, WEEK, MONTH) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", p -> counts(p, a.counts()).text(surveyId)
                        .integer(a.period().day()).integer(a.period().week()).integer(a.period().month()));
                c.releaseSavepoint(before);
            } catch (SQLException e) {
                if (!Transactions.isDuplicateKey(e)) {
                    throw e;
                }
                c.rollback(before);
                if (update(c, surveyId, a) != 1) {
                    throw e;
                }
            }
        }
    }

    private static int update(Connection c, String surveyId, DayCounts a) throws SQLException {
        return Sql.update(c, "UPDATE SURVEY_DAY SET INVITED=INVITED+?, INVITED_ANSWERED=INVITED_ANSWERED+?, "
                + "ANSWERED=ANSWERED+?, PROMOTERS=PROMOTERS+?, PASSIVES=PASSIVES+?, DETRACTORS=DETRACTORS+?, "
                + "SATISFIED=SATISFIED+?, CSAT_ANSWERS=CSAT_ANSWERS+?, CES_SUM=CES_SUM+?, CES_ANSWERS=CES_ANSWERS+? "
                + "WHERE SURVEY_ID=? AND DAY=?", p -> counts(p, a.counts()).text(surveyId).integer(a.period().day()));
    }

    private static Params counts(Params p, Scorecard.Counts n) throws SQLException {
        return p.number(n.invited()).number(n.invitedAnswered()).number(n.answered()).number(n.promoters())
                .number(n.passives()).number(n.detractors()).number(n.satisfied()).number(n.csatAnswers())
                .number(n.cesSum()).number(n.cesAnswers());
    }

    /** Sums the day rows of a survey for the days {@code [fromDay, toDay)} per group. */
    List<ScoreStore.Row> dayCounts(Connection c, String surveyId, int fromDay, int toDay, ScoreGroup group) throws SQLException {
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
        List<ScoreStore.Row> rows = new ArrayList<>();
        Sql.each(c, sql, p -> p.text(surveyId).integer(fromDay).integer(toDay), r -> {
            Scorecard.Counts n = new Scorecard.Counts(r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6),
                    r.getLong(7), r.getLong(8), r.getLong(9), r.getLong(10), r.getLong(11));
            if (n.invited() + n.answered() > 0) { // an ungrouped sum over no rows still answers one row
                rows.add(new ScoreStore.Row(ScoreStore.key(r, group), n));
            }
        });
        return rows;
    }

    /**
     * True when, around {@code edge}, every invitation and answer has a day key on the same side of {@code day}
     * as its instant is of {@code edge}. Keys are fixed with the zone of their day; after a change of zone
     * they can disagree near midnight, and then only the stored instants give exact scores.
     */
    boolean dayKeysAgree(Connection c, String surveyId, Instant edge, int day) throws SQLException {
        long at = edge.toEpochMilli();
        // Each check is a plain range over (survey, instant), which the databases answer from an index;
        // one OR of two ranges would make Derby scan the survey's whole history.
        return count(c, "SURVEY_RESPONSE", "ANSWERED", surveyId, at - KEY_MARGIN_MILLIS, at, ">=", day) == 0
                && count(c, "SURVEY_RESPONSE", "ANSWERED", surveyId, at, at + KEY_MARGIN_MILLIS, "<", day) == 0
                && count(c, "SURVEY_INVITATION", "INVITED", surveyId, at - KEY_MARGIN_MILLIS, at, ">=", day) == 0
                && count(c, "SURVEY_INVITATION", "INVITED", surveyId, at, at + KEY_MARGIN_MILLIS, "<", day) == 0;
    }

    private static long count(Connection c, String table, String prefix, String surveyId, long from, long to, String compare,
                              int day) throws SQLException {
        return Sql.one(c, "SELECT COUNT(*) FROM " + table + " WHERE SURVEY_ID=? AND " + prefix + "_AT>=? AND " + prefix
                + "_AT<? AND " + prefix + "_DAY" + compare + "?", r -> r.getLong(1), surveyId, from, to, day).orElse(0L);
    }
}
