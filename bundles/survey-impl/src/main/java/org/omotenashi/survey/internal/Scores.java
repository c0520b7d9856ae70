package org.omotenashi.survey.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.query.PageCursor;
import org.omotenashi.survey.api.Ambassador;
import org.omotenashi.survey.api.ScoreGroup;
import org.omotenashi.survey.api.SurveyFigures;
import org.omotenashi.survey.api.SurveyScores;
import org.omotenashi.survey.api.SurveyService;

/**
 * NPS, CSAT and CES over a period, overall and per group (a page of groups at a time), and the ambassadors among
 * the answers. Whole days come from the day rollup, the part-days at either end from the stored answers and
 * invitations.
 */
final class Scores {
    private final DataSource dataSource;
    private final Supplier<StoredSurveyService.Settings> settings;
    private final DefinitionStore definitions;
    private final ScoreStore store;
    private final DayRollup days;
    private final ScoreGroupPage pages = new ScoreGroupPage();

    Scores(DataSource dataSource, Supplier<StoredSurveyService.Settings> settings, DefinitionStore definitions,
           ScoreStore store, DayRollup days) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.definitions = definitions;
        this.store = store;
        this.days = days;
    }

    /**
     * The overall figures of the period and one page of its groups: at most {@code limit} groups after the
     * group the cursor names, in key order, with the cursor of the next page (null on the last).
     *
     * @param fromDays false to sum every stored row even where the day rows could answer; tests compare both
     */
    SurveyScores scores(String surveyId, Instant from, Instant to, ScoreGroup groupBy, int limit, String cursor,
                        boolean fromDays) {
        ScoreGroup group = groupBy == null ? ScoreGroup.NONE : groupBy;
        if (limit < 1 || limit > SurveyService.MAX_SCORE_GROUPS) {
            throw ProblemException.invalid("limit", "must be from 1 to " + SurveyService.MAX_SCORE_GROUPS);
        }
        String after = after(surveyId, cursor, group);
        ZoneId zone = settings.get().zone();
        return Transactions.read(dataSource, c -> {
            definitions.current(c, surveyId).orElseThrow(() -> ProblemException.notFound("survey", surveyId));
            List<ScoreSources> sources = fromDays ? daySources(c, surveyId, from, to, zone) : null;
            if (sources == null) {
                sources = List.of(new ScoreSources.Stored(from, to));
            }
            Scorecard.Counts overall = Scorecard.Counts.none();
            for (ScoreStore.Row row : overallRows(c, surveyId, sources)) {
                overall = overall.plus(row.counts());
            }
            if (group == ScoreGroup.NONE) {
                return new SurveyScores(surveyId, from, to, group, Scorecard.figures("all", overall), List.of(), null);
            }
            // Customers and subject types are not kept per day: their groups come from the stored rows alone.
            List<ScoreSources> groupSources = group == ScoreGroup.CUSTOMER || group == ScoreGroup.SUBJECT_TYPE
                    ? List.of(new ScoreSources.Stored(from, to)) : sources;
            List<ScoreStore.Row> rows = pages.groups(c, surveyId, groupSources, group, after, limit + 1);
            boolean more = rows.size() > limit;
            boolean period = group == ScoreGroup.DAY || group == ScoreGroup.WEEK || group == ScoreGroup.MONTH;
            List<SurveyFigures> groups = new ArrayList<>();
            for (ScoreStore.Row row : more ? rows.subList(0, limit) : rows) {
                String label = period ? Periods.label(group, Integer.parseInt(row.key())) : row.key();
                groups.add(Scorecard.figures(label, row.counts()));
            }
            String next = more
                    ? PageCursor.encodeFor(cursorList(surveyId), group.name(), rows.get(limit - 1).key()) : null;
            return new SurveyScores(surveyId, from, to, group, Scorecard.figures("all", overall), groups, next);
        });
    }

    /** Cursors are signed for one survey's scores: another survey's, or another list's, is refused. */
    private static String cursorList(String surveyId) {
        return "survey-scores:" + surveyId;
    }

    /** The key of the last group a cursor handed out, checked against the grouping asked for now. */
    private static String after(String surveyId, String cursor, ScoreGroup group) {
        List<String> parts = PageCursor.decodeFor(cursorList(surveyId), cursor, 2);
        if (parts == null) {
            return null;
        }
        if (!parts.get(0).equals(group.name())) {
            throw ProblemException.invalid("cursor", "belongs to scores grouped by " + parts.get(0).toLowerCase(Locale.ROOT)
                    .replace("subject_type", "subjectType") + ", not to these");
        }
        if (group == ScoreGroup.DAY || group == ScoreGroup.WEEK || group == ScoreGroup.MONTH) {
            try {
                Integer.parseInt(parts.get(1));
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this API handed out");
            }
        }
        return parts.get(1);
    }

    private List<ScoreStore.Row> overallRows(Connection c, String surveyId, List<ScoreSources> sources) throws SQLException {
        List<ScoreStore.Row> rows = new ArrayList<>();
        for (ScoreSources source : sources) {
            if (source instanceof ScoreSources.Days d) {
                rows.addAll(days.dayCounts(c, surveyId, d.fromDay(), d.toDay(), ScoreGroup.NONE));
            } else if (source instanceof ScoreSources.Stored s) {
                rows.addAll(store.answerCounts(c, surveyId, s.from(), s.to(), ScoreGroup.NONE));
                rows.addAll(store.invitationCounts(c, surveyId, s.from(), s.to(), ScoreGroup.NONE));
            }
        }
        return rows;
    }

    /**
     * The whole days of the period from the day rows, the part-days at either end from the stored rows; null when
     * the day rows cannot answer exactly: no whole day in the period, or day keys near its edges stored with
     * another zone than today's.
     */
    private List<ScoreSources> daySources(Connection c, String surveyId, Instant from, Instant to, ZoneId zone)
            throws SQLException {
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
        List<ScoreSources> sources = new ArrayList<>();
        sources.add(new ScoreSources.Days(fromDay, toDay));
        if (from.isBefore(wholeFrom)) {
            sources.add(new ScoreSources.Stored(from, wholeFrom));
        }
        if (wholeTo.isBefore(to)) {
            sources.add(new ScoreSources.Stored(wholeTo, to));
        }
        return sources;
    }

    List<Ambassador> ambassadors(String surveyId, Instant from, Instant to, int limit) {
        return Transactions.read(dataSource, c -> {
            definitions.current(c, surveyId).orElseThrow(() -> ProblemException.notFound("survey", surveyId));
            return store.promoters(c, surveyId, from, to, Math.max(1, Math.min(1000, limit)));
        });
    }
}
