package org.omotenashi.survey.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.survey.api.Ambassador;
import org.omotenashi.survey.api.ScoreGroup;
import org.omotenashi.survey.api.SurveyFigures;
import org.omotenashi.survey.api.SurveyScores;

/**
 * NPS, CSAT and CES over a period, overall and per group, and the ambassadors among the answers. Whole days
 * come from the day rollup, the part-days at either end from the stored answers and invitations.
 */
final class Scores {
    private final DataSource dataSource;
    private final Supplier<StoredSurveyService.Settings> settings;
    private final DefinitionStore definitions;
    private final ScoreStore store;
    private final DayRollup days;

    Scores(DataSource dataSource, Supplier<StoredSurveyService.Settings> settings, DefinitionStore definitions,
           ScoreStore store, DayRollup days) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.definitions = definitions;
        this.store = store;
        this.days = days;
    }

    /** @param fromDays false to sum every stored row even where the day rows could answer; tests compare both */
    SurveyScores scores(String surveyId, Instant from, Instant to, ScoreGroup groupBy, boolean fromDays) {
        ScoreGroup group = groupBy == null ? ScoreGroup.NONE : groupBy;
        ZoneId zone = settings.get().zone();
        return Transactions.read(dataSource, c -> {
            definitions.current(c, surveyId).orElseThrow(() -> ProblemException.notFound("survey", surveyId));
            Map<String, Scorecard.Counts> byKey = new LinkedHashMap<>();
            Scorecard.Counts overall = Scorecard.Counts.none();
            List<ScoreStore.Row> rows = fromDays ? dayRows(c, surveyId, from, to, group, zone) : null;
            if (rows == null) {
                rows = storedRows(c, surveyId, from, to, group);
            }
            for (ScoreStore.Row row : rows) {
                byKey.merge(row.key(), row.counts(), Scorecard.Counts::plus);
                overall = overall.plus(row.counts());
            }
            List<SurveyFigures> groups = new ArrayList<>();
            if (group != ScoreGroup.NONE) {
                List<String> keys = new ArrayList<>(byKey.keySet());
                boolean period = group == ScoreGroup.DAY || group == ScoreGroup.WEEK || group == ScoreGroup.MONTH;
                keys.sort(period ? Comparator.comparingInt(Integer::parseInt) : Comparator.naturalOrder());
                for (String key : keys) {
                    String label = period ? Periods.label(group, Integer.parseInt(key)) : key;
                    groups.add(Scorecard.figures(label, byKey.get(key)));
                }
            }
            return new SurveyScores(surveyId, from, to, group, Scorecard.figures("all", overall), groups);
        });
    }

    private List<ScoreStore.Row> storedRows(Connection c, String surveyId, Instant from, Instant to, ScoreGroup group)
            throws SQLException {
        List<ScoreStore.Row> rows = new ArrayList<>(store.answerCounts(c, surveyId, from, to, group));
        rows.addAll(store.invitationCounts(c, surveyId, from, to, group));
        return rows;
    }

    /**
     * The whole days of the period from the day rows, the part-days at either end from the stored rows; null when
     * the day rows cannot answer exactly: grouped by customer or subject, no whole day in the period, or day
     * keys near its edges stored with another zone than today's.
     */
    private List<ScoreStore.Row> dayRows(Connection c, String surveyId, Instant from, Instant to, ScoreGroup group,
                                         ZoneId zone) throws SQLException {
        if (group == ScoreGroup.CUSTOMER || group == ScoreGroup.SUBJECT_TYPE) {
            return null;
        }
        LocalDate firstDay = from.atZone(zone).toLocalDate();
        Instant wholeFrom = firstDay.atStartOfDay(zone).toInstant();
        if (wholeFrom.isBefore(from)) {
            firstDay = firstDay.plusDays(1);
            wholeFrom = firstDay.atStartOfDay(zone).toInstant();
        }
        LocalDate endDay = to.atZone(zone).toLocalDate();
        Instant wholeTo = endDay.atStartOfDay(zone).toInstant();
        if (!wholeFrom.isBefore(wholeTo)) {
            return null;
        }
        int fromDay = (int) firstDay.toEpochDay();
        int toDay = (int) endDay.toEpochDay();
        if (!days.dayKeysAgree(c, surveyId, wholeFrom, fromDay) || !days.dayKeysAgree(c, surveyId, wholeTo, toDay)) {
            return null;
        }
        List<ScoreStore.Row> rows = new ArrayList<>(days.dayCounts(c, surveyId, fromDay, toDay, group));
        if (from.isBefore(wholeFrom)) {
            rows.addAll(storedRows(c, surveyId, from, wholeFrom, group));
        }
        if (wholeTo.isBefore(to)) {
            rows.addAll(storedRows(c, surveyId, wholeTo, to, group));
        }
        return rows;
    }

    List<Ambassador> ambassadors(String surveyId, Instant from, Instant to, int limit) {
        return Transactions.read(dataSource, c -> {
            definitions.current(c, surveyId).orElseThrow(() -> ProblemException.notFound("survey", surveyId));
            return store.promoters(c, surveyId, from, to, Math.max(1, Math.min(1000, limit)));
        });
    }
}
