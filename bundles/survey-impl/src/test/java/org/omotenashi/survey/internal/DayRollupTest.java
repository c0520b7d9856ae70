package org.omotenashi.survey.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.junit.Before;
import org.junit.Test;
import org.omotenashi.core.db.Migrations;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.query.PageCursor;
import org.omotenashi.core.time.MovableClock;
import org.omotenashi.survey.api.ImportedResponse;
import org.omotenashi.survey.api.Language;
import org.omotenashi.survey.api.NewInvitation;
import org.omotenashi.survey.api.NewSurvey;
import org.omotenashi.survey.api.Question;
import org.omotenashi.survey.api.QuestionType;
import org.omotenashi.survey.api.ScoreGroup;
import org.omotenashi.survey.api.Subject;
import org.omotenashi.survey.api.Survey;
import org.omotenashi.survey.api.SurveyFigures;
import org.omotenashi.survey.api.SurveyScores;
import org.omotenashi.survey.api.SurveyService;
import org.omotenashi.testing.MemoryDatabase;
import org.omotenashi.testing.RecordedEvents;

/** The per-day rows give the very numbers the stored answers give, whichever way they were stored. */
public class DayRollupTest {
    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private final MovableClock clock = MovableClock.fixedAt(NOW);
    private DataSource dataSource;
    private StoredSurveyService service;
    private Survey survey;
    private int contacts;

    @Before
    public void freshDatabase() {
        dataSource = MemoryDatabase.migrated(StoredSurveyService.CHANGELOG, StoredSurveyService.class);
        service = new StoredSurveyService(dataSource, clock, new SurveyEvents(new RecordedEvents(dataSource, clock).log()), settings(AMSTERDAM));
        survey = service.define(new NewSurvey("After the visit", List.of(
                new Question("recommend", QuestionType.NPS, "Aanbevelen?", "Recommend?", true),
                new Question("satisfied", QuestionType.CSAT, "Tevreden?", "Satisfied?", false),
                new Question("effort", QuestionType.CES, "Moeite?", "Effort?", false)), List.of()), "deskadmin");
    }

    private static StoredSurveyService.Settings settings(ZoneId zone) {
        return new StoredSurveyService.Settings(Duration.ofDays(14), Duration.ZERO, "http://localhost:8181/", zone);
    }

    private void at(Instant instant) {
        clock.setOffset(Duration.between(NOW, instant));
    }

    private String invite(int n) {
        return service.invite(survey.id(), new NewInvitation("c" + (n % 4), "guest" + (++contacts) + "@example.org", Language.NL,
                new Subject(n % 3 == 0 ? "ticket" : "promise", "s-" + n), null)).token();
    }

    private static Map<String, String> answers(int n) {
        return n % 5 == 0 ? Map.of("recommend", Integer.toString(n % 11))
                : Map.of("recommend", Integer.toString(n % 11), "satisfied", Integer.toString(1 + n % 5),
                        "effort", Integer.toString(1 + n % 7));
    }

    /**
     * Live invitations answered days later (some across a month's end and the night clocks change), some never
     * answered, and imported history, with instants close to midnight in Amsterdam.
     */
    private void storeAMixedHistory() {
        Instant start = Instant.parse("2026-03-20T21:50:00Z");
        List<String> pending = new ArrayList<>();
        for (int n = 0; n < 60; n++) {
            at(start.plus(Duration.ofMinutes(n * 17L * 60 + n * 7L)));
            pending.add(invite(n));
            if (n % 3 == 0 && pending.size() > 2) {
                service.answer(pending.remove(pending.size() - 2), answers(n));
            }
        }
        at(NOW);
        List<ImportedResponse> history = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            history.add(new ImportedResponse("c" + (n % 4), null, Language.EN, new Subject("handover", "h-" + n),
                    Instant.parse("2026-01-31T22:00:00Z").plus(Duration.ofHours(n * 13L)), answers(n)));
        }
        service.importResponses(survey.id(), history);
    }

    private static List<Instant[]> periods() {
        List<Instant[]> periods = new ArrayList<>();
        String[][] edges = {
            {"2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z"},       // everything, edges mid-day in Amsterdam
            {"2026-01-31T23:00:00Z", "2026-04-30T22:00:00Z"},       // whole Amsterdam days, winter to summer time
            {"2026-02-01T05:00:00Z", "2026-03-29T01:30:00Z"},       // part-days at both ends, the night clocks change
            {"2026-03-21T10:00:00Z", "2026-03-21T20:00:00Z"},       // less than a day
            {"2026-03-21T10:00:00Z", "2026-03-22T20:00:00Z"},       // two part-days, no whole one
            {"2026-04-04T10:00:00Z", "2026-05-04T10:00:00Z"},       // the default: the last 30 days
            {"2025-01-01T00:00:00Z", "2025-06-01T00:00:00Z"}};      // nothing
        for (String[] e : edges) {
            periods.add(new Instant[] {Instant.parse(e[0]), Instant.parse(e[1])});
        }
        return periods;
    }

    private void bothWaysAgree() {
        for (Instant[] p : periods()) {
            for (ScoreGroup group : ScoreGroup.values()) {
                SurveyScores days = service.scores(survey.id(), p[0], p[1], group, true);
                SurveyScores stored = service.scores(survey.id(), p[0], p[1], group, false);
                assertEquals(group + " " + p[0] + ".." + p[1], stored, days);
            }
        }
    }

    private long sum(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet r = st.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void execute(String... sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.executeUpdate(s);
            }
        }
    }

    @Test
    public void theDayRowsAndTheStoredAnswersGiveIdenticalScoresForEveryGroupAndPeriod() throws SQLException {
        storeAMixedHistory();
        assertEquals(sum("SELECT COUNT(*) FROM SURVEY_INVITATION"), sum("SELECT SUM(INVITED) FROM SURVEY_DAY"));
        assertEquals(sum("SELECT COUNT(ANSWERED_AT) FROM SURVEY_INVITATION"), sum("SELECT SUM(INVITED_ANSWERED) FROM SURVEY_DAY"));
        assertEquals(sum("SELECT COUNT(*) FROM SURVEY_RESPONSE"), sum("SELECT SUM(ANSWERED) FROM SURVEY_DAY"));
        assertEquals(sum("SELECT SUM(CES) FROM SURVEY_RESPONSE"), sum("SELECT SUM(CES_SUM) FROM SURVEY_DAY"));
        bothWaysAgree();
    }

    @Test
    public void wholeDaysAreSummedFromTheDayRowsAndCustomersFromTheAnswers() throws SQLException {
        storeAMixedHistory();
        Instant from = Instant.parse("2026-01-31T23:00:00Z");
        Instant to = Instant.parse("2026-04-30T22:00:00Z");
        SurveyScores before = service.scores(survey.id(), from, to, ScoreGroup.MONTH);
        SurveyScores customersBefore = service.scores(survey.id(), from, to, ScoreGroup.CUSTOMER);
        // Tampering with one day row shows which path answered.
        execute("UPDATE SURVEY_DAY SET PROMOTERS=PROMOTERS+100 WHERE DAY=" + java.time.LocalDate.of(2026, 2, 10).toEpochDay());
        assertNotEquals(before, service.scores(survey.id(), from, to, ScoreGroup.MONTH));
        assertEquals(before, service.scores(survey.id(), from, to, ScoreGroup.MONTH, false));
        // Customers' groups come from the answers; the overall figures of any grouping from the day rows.
        SurveyScores customersAfter = service.scores(survey.id(), from, to, ScoreGroup.CUSTOMER);
        assertEquals(customersBefore.groups(), customersAfter.groups());
        assertNotEquals(customersBefore.overall(), customersAfter.overall());
    }

    @Test
    public void pagingThroughTheGroupsWithTheCursorGivesEveryGroupOnceInOrder() {
        storeAMixedHistory();
        for (Instant[] p : periods()) {
            for (ScoreGroup group : ScoreGroup.values()) {
                SurveyScores whole = service.scores(survey.id(), p[0], p[1], group, false);
                assertNull(whole.next());
                for (int limit : new int[] {1, 2, 3}) {
                    List<SurveyFigures> paged = new ArrayList<>();
                    String cursor = null;
                    int pages = 0;
                    do {
                        SurveyScores page = service.scores(survey.id(), p[0], p[1], group, limit, cursor);
                        assertTrue(page.groups().size() <= limit);
                        assertEquals(whole.overall(), page.overall());
                        paged.addAll(page.groups());
                        cursor = page.next();
                        assertTrue("more pages than groups", ++pages <= whole.groups().size() + 1);
                    } while (cursor != null);
                    assertEquals(group + " by " + limit + " " + p[0] + ".." + p[1], whole.groups(), paged);
                }
            }
        }
    }

    @Test
    public void aPageOfGroupsIsRefusedBeyondItsLimitOrWithAnotherGroupingsCursor() {
        storeAMixedHistory();
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant to = Instant.parse("2026-06-01T00:00:00Z");
        String next = service.scores(survey.id(), from, to, ScoreGroup.CUSTOMER, 1, null).next();
        assertNotNull(next);
        assertEquals("limit", refusedField(() -> service.scores(survey.id(), from, to, ScoreGroup.CUSTOMER, 0, null)));
        assertEquals("limit", refusedField(() -> service.scores(survey.id(), from, to, ScoreGroup.CUSTOMER,
                SurveyService.MAX_SCORE_GROUPS + 1, null)));
        assertEquals("cursor", refusedField(() -> service.scores(survey.id(), from, to, ScoreGroup.MONTH, 10, next)));
        assertEquals("cursor", refusedField(() -> service.scores(survey.id(), from, to, ScoreGroup.CUSTOMER, 10, "bm9wZQ")));
        // Signed for another survey's scores, or for a list that does not name itself: not one of these.
        String anotherSurveys = PageCursor.encodeFor("survey-scores:another-survey", ScoreGroup.CUSTOMER.name(), "c-1");
        String unnamedList = PageCursor.encode(ScoreGroup.CUSTOMER.name(), "c-1");
        assertEquals("cursor", refusedField(() -> service.scores(survey.id(), from, to, ScoreGroup.CUSTOMER, 10, anotherSurveys)));
        assertEquals("cursor", refusedField(() -> service.scores(survey.id(), from, to, ScoreGroup.CUSTOMER, 10, unnamedList)));
    }

    private static String refusedField(Runnable action) {
        try {
            action.run();
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            return e.errors().get(0).field();
        }
        throw new AssertionError("not refused");
    }

    @Test
    public void afterAChangeOfZoneTheScoresStayExact() {
        service.configure(settings(ZoneId.of("UTC")));
        storeAMixedHistory();
        service.configure(settings(AMSTERDAM));
        bothWaysAgree();
        service.configure(settings(ZoneId.of("America/New_York")));
        bothWaysAgree();
    }

    @Test
    public void theMigrationFillsTheDayRowsFromWhatWasStoredBefore() throws SQLException {
        storeAMixedHistory();
        String rows = "SELECT SURVEY_ID, DAY, WEEK, MONTH, INVITED, INVITED_ANSWERED, ANSWERED, PROMOTERS, PASSIVES, DETRACTORS, "
                + "SATISFIED, CSAT_ANSWERS, CES_SUM, CES_ANSWERS FROM SURVEY_DAY ORDER BY SURVEY_ID, DAY";
        List<List<Object>> kept = table(rows);
        // As a database that only the changesets before survey-2 ever ran on; without its digest row the changelog
        // goes to Liquibase again, which then runs survey-2.
        execute("DROP TABLE SURVEY_DAY", "DROP INDEX IX_SURVEY_INVITATION_PERIODS",
                "DELETE FROM DATABASECHANGELOG WHERE ID='survey-2'",
                "DELETE FROM MIGRATION_DIGEST WHERE CHANGELOG='" + StoredSurveyService.CHANGELOG + "'");
        Migrations.apply(dataSource, StoredSurveyService.CHANGELOG, StoredSurveyService.class);
        assertEquals(kept, table(rows));
        assertEquals(true, kept.size() > 10);
    }

    private List<List<Object>> table(String sql) throws SQLException {
        List<List<Object>> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet r = st.executeQuery(sql)) {
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    row.add(r.getObject(i));
                }
                found.add(row);
            }
        }
        return found;
    }
}
