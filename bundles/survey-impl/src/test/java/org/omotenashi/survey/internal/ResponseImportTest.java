package org.omotenashi.survey.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.Before;
import org.junit.Test;
import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.time.MovableClock;
import org.omotenashi.survey.api.ImportedResponse;
import org.omotenashi.survey.api.Language;
import org.omotenashi.survey.api.NewInvitation;
import org.omotenashi.survey.api.NewSurvey;
import org.omotenashi.survey.api.Question;
import org.omotenashi.survey.api.QuestionType;
import org.omotenashi.survey.api.ResponseImport;
import org.omotenashi.survey.api.ScoreGroup;
import org.omotenashi.survey.api.Subject;
import org.omotenashi.survey.api.Survey;
import org.omotenashi.survey.api.SurveyFigures;
import org.omotenashi.survey.api.SurveyScores;
import org.omotenashi.testing.MemoryDatabase;
import org.omotenashi.testing.RecordedEvents;

/** Importing earlier answers: scored like live ones, all or nothing, silent, and outside the fatigue rule. */
public class ResponseImportTest {
    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private final MovableClock clock = MovableClock.fixedAt(NOW);
    private RecordedEvents eventAdmin;
    private DataSource dataSource;
    private StoredSurveyService service;
    private Survey survey;

    @Before
    public void freshDatabase() {
        dataSource = MemoryDatabase.migrated(SurveyComponent.CHANGELOG, SurveyComponent.class);
        eventAdmin = new RecordedEvents(dataSource, clock);
        service = new StoredSurveyService(dataSource, clock, new SurveyEvents(eventAdmin.log()),
                new StoredSurveyService.Settings(Duration.ofDays(14), Duration.ofDays(30), "http://localhost:8181/", AMSTERDAM));
        survey = service.define(visitSurvey(), "deskadmin");
    }

    private static NewSurvey visitSurvey() {
        return new NewSurvey("After the visit", List.of(
                new Question("recommend", QuestionType.NPS, "Aanbevelen?", "Recommend?", true),
                new Question("satisfied", QuestionType.CSAT, "Tevreden?", "Satisfied?", true),
                new Question("effort", QuestionType.CES, "Moeite?", "Effort?", false),
                new Question("remarks", QuestionType.TEXT, "Opmerkingen", "Remarks", false)), List.of());
    }

    private static ImportedResponse answered(String customer, Instant at, Integer nps, Integer csat, Integer ces) {
        Map<String, String> answers = new HashMap<>();
        answers.put("recommend", String.valueOf(nps));
        answers.put("satisfied", String.valueOf(csat));
        if (ces != null) {
            answers.put("effort", String.valueOf(ces));
        }
        return new ImportedResponse(customer, null, Language.NL, new Subject("ticket", "t-" + customer), at, answers);
    }

    private int rows(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet r = st.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    private static List<String> refusedFields(Runnable action) {
        try {
            action.run();
        } catch (ProblemException e) {
            assertEquals(e.detail(), 400, e.status());
            return e.errors().stream().map(FieldError::field).toList();
        }
        fail("the import was accepted");
        return List.of();
    }

    @Test
    public void importedAnswersGiveTheExactScoresOfTheSameAnswersGivenLive() throws SQLException {
        // NPS 10, 9, 9, 8, 7, 6, 3 -> 3 promoters, 2 passives, 2 detractors of 7 -> 14.29 ± 61.71
        // CSAT 5, 4, 4, 3, 5, 1, 2 -> 4 of 7 -> 57.14 ± 36.66; CES 2, 3, -, 4, 1, 7, 6 -> 23 / 6 = 3.83
        int[][] given = {{10, 5, 2}, {9, 4, 3}, {9, 4, 0}, {8, 3, 4}, {7, 5, 1}, {6, 1, 7}, {3, 2, 6}};
        Survey live = service.define(visitSurvey(), "deskadmin");
        List<ImportedResponse> history = new ArrayList<>();
        Instant at = Instant.parse("2026-01-31T23:30:00Z"); // already February 1st in Amsterdam (UTC+1)
        for (int i = 0; i < given.length; i++) {
            Integer ces = given[i][2] == 0 ? null : given[i][2];
            history.add(answered("c" + i, at, given[i][0], given[i][1], ces));
            clock.setOffset(Duration.between(NOW, at));
            IssuedAnswer.of(service, live, "c" + i, i, given[i][0], given[i][1], ces);
            at = at.plus(Duration.ofDays(9));
        }
        clock.setOffset(Duration.ZERO);

        ResponseImport done = service.importResponses(survey.id(), history);
        assertEquals(new ResponseImport(survey.id(), 1, 7), done);

        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        SurveyFigures all = service.scores(survey.id(), from, NOW, ScoreGroup.NONE).overall();
        assertEquals(7, all.invited());
        assertEquals(7, all.answered());
        assertEquals(100.0, all.responseRate(), 0.0);
        assertEquals(14.29, all.nps(), 0.0);
        assertEquals(61.71, all.npsMargin(), 0.0);
        assertEquals(57.14, all.csat(), 0.0);
        assertEquals(36.66, all.csatMargin(), 0.0);
        assertEquals(3.83, all.ces(), 0.0);
        for (ScoreGroup group : ScoreGroup.values()) {
            SurveyScores imported = service.scores(survey.id(), from, NOW, group);
            SurveyScores asLive = service.scores(live.id(), from, NOW, group);
            assertEquals(group.name(), asLive.overall(), imported.overall());
            assertEquals(group.name(), asLive.groups(), imported.groups());
        }
        // the same scores and period keys in the stored rows, answer by answer
        String columns = "SELECT COUNT(*) FROM SURVEY_RESPONSE i JOIN SURVEY_RESPONSE l ON l.ANSWERED_AT=i.ANSWERED_AT "
                + "AND l.ANSWERED_DAY=i.ANSWERED_DAY AND l.ANSWERED_WEEK=i.ANSWERED_WEEK AND l.ANSWERED_MONTH=i.ANSWERED_MONTH "
                + "AND l.NPS=i.NPS AND l.CSAT=i.CSAT AND COALESCE(l.CES, -1)=COALESCE(i.CES, -1) "
                + "WHERE i.SURVEY_ID='" + survey.id() + "' AND l.SURVEY_ID='" + live.id() + "'";
        assertEquals(7, rows(columns));
        assertEquals(List.of("2026-02", "2026-03"), service.scores(survey.id(), from, NOW, ScoreGroup.MONTH).groups().stream()
                .map(SurveyFigures::key).toList());
    }

    @Test
    public void anImportIsScoredWithTheCurrentVersion() throws SQLException {
        service.revise(survey.id(), new NewSurvey("Only effort", List.of(
                new Question("effort", QuestionType.CES, "Moeite?", "Effort?", true)), List.of()), null, "deskadmin");
        ResponseImport done = service.importResponses(survey.id(), List.of(new ImportedResponse("c1", null, Language.EN,
                new Subject("promise", "p-1"), NOW.minus(Duration.ofDays(400)), Map.of("effort", "5"))));
        assertEquals(2, done.surveyVersion());
        assertEquals(1, rows("SELECT COUNT(*) FROM SURVEY_RESPONSE WHERE SURVEY_VERSION=2 AND CES=5 AND NPS IS NULL"));
    }

    @Test
    public void oneInvalidResponseRefusesTheWholeImportStoringNothing() throws SQLException {
        List<ImportedResponse> history = new ArrayList<>();
        for (int i = 0; i < 1200; i++) { // more than one batch
            history.add(answered("c" + i, NOW.minus(Duration.ofDays(i)), i % 11, 1 + i % 5, null));
        }
        history.add(answered("late", NOW.plusSeconds(1), 9, 5, null));
        assertEquals(List.of("responses[1200].answeredAt"), refusedFields(() -> service.importResponses(survey.id(), history)));
        assertEquals(0, rows("SELECT COUNT(*) FROM SURVEY_RESPONSE"));
        assertEquals(0, rows("SELECT COUNT(*) FROM SURVEY_INVITATION"));
        history.remove(1200);
        assertEquals(1200, service.importResponses(survey.id(), history).imported());
        assertEquals(1200, rows("SELECT COUNT(*) FROM SURVEY_RESPONSE"));
        assertEquals(1200, rows("SELECT COUNT(*) FROM SURVEY_INVITATION WHERE ANSWERED_AT=INVITED_AT"));
    }

    @Test
    public void aStorageFailureHalfWayRollsBackTheBatchesAlreadySent() throws SQLException {
        List<ImportedResponse> history = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            history.add(answered("c" + i, NOW.minus(Duration.ofDays(i)), 9, 5, null));
        }
        service.importResponses(survey.id(), history);
        // The same invitation id twice cannot be made through the API; a duplicate key in the second batch stands in
        // for any failure after the first batch was written.
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            SurveyStore store = new SurveyStore();
            List<SurveyStore.Imported> rows = StoredSurveyService.checkImport(survey, history, NOW, AMSTERDAM, new ArrayList<>());
            List<SurveyStore.Imported> clash = new ArrayList<>(rows.subList(0, 600));
            clash.add(rows.get(0));
            try {
                store.insertImported(c, clash);
                fail("a duplicate invitation id must fail");
            } catch (SQLException expected) {
                c.rollback();
            }
        }
        assertEquals(700, rows("SELECT COUNT(*) FROM SURVEY_RESPONSE"));
    }

    @Test
    public void theRefusalNamesEveryInvalidFieldOfEveryResponse() {
        String json = "{\"responses\":["
                + "{\"customerId\":\"c-1\",\"language\":\"nl\",\"subject\":{\"type\":\"ticket\",\"ref\":\"t-1\"},"
                + "\"answeredAt\":\"2025-03-01T10:00:00+01:00\",\"answers\":{\"recommend\":9,\"satisfied\":4}},"
                + "{\"contactEmail\":\"nobody\",\"language\":\"fr\",\"subject\":{\"type\":\"ticket\"},"
                + "\"answeredAt\":\"2025-03-01T10:00:00\",\"answers\":{\"recommend\":11,\"satisfied\":4,\"mood\":\"fine\"}},"
                + "\"not an object\","
                + "{\"customerId\":\"c-3\",\"language\":\"en\",\"subject\":{\"type\":\"ticket\",\"ref\":\"t-3\"},"
                + "\"answeredAt\":\"2027-01-01T00:00:00Z\",\"answers\":{\"recommend\":{\"a\":1}}}]}";
        assertEquals(List.of("responses[1].customerId", "responses[1].contactEmail", "responses[1].language",
                        "responses[1].subject.ref", "responses[1].answeredAt", "responses[1].answers.recommend",
                        "responses[1].answers.mood", "responses[2]", "responses[3].answeredAt", "responses[3].answers.recommend",
                        "responses[3].answers.satisfied"),
                refusedFields(() -> SurveyRequests.imports(json.getBytes(StandardCharsets.UTF_8), survey, NOW)));
    }

    @Test
    public void theServiceRefusesEveryInvalidFieldForCallersOtherThanRest() throws SQLException {
        List<ImportedResponse> history = List.of(answered("c1", NOW.minus(Duration.ofDays(1)), 9, 4, null),
                new ImportedResponse(" ", "nobody", null, new Subject("ticket", ""), null, Map.of("recommend", "ten")));
        assertEquals(List.of("responses[1].customerId", "responses[1].contactEmail", "responses[1].language",
                        "responses[1].subject.ref", "responses[1].answeredAt", "responses[1].answers.recommend",
                        "responses[1].answers.satisfied"),
                refusedFields(() -> service.importResponses(survey.id(), history)));
        assertEquals(List.of("responses"), refusedFields(() -> service.importResponses(survey.id(), List.of())));
        assertEquals(0, rows("SELECT COUNT(*) FROM SURVEY_INVITATION"));
    }

    @Test
    public void moreThanTheMaximumIsTooLargeAndAnUnknownSurveyIsNotFound() {
        List<ImportedResponse> tooMany = new ArrayList<>();
        for (int i = 0; i <= ImportedResponse.MAX_PER_IMPORT; i++) {
            tooMany.add(answered("c" + i, NOW.minusSeconds(i), 9, 5, null));
        }
        try {
            service.importResponses(survey.id(), tooMany);
            fail();
        } catch (ProblemException e) {
            assertEquals(413, e.status());
        }
        StringBuilder json = new StringBuilder("{\"responses\":[");
        for (int i = 0; i <= ImportedResponse.MAX_PER_IMPORT; i++) {
            json.append(i == 0 ? "" : ",").append("{}");
        }
        try {
            SurveyRequests.imports(json.append("]}").toString().getBytes(StandardCharsets.UTF_8), survey, NOW);
            fail();
        } catch (ProblemException e) {
            assertEquals(413, e.status());
        }
        try {
            service.importResponses("nope", List.of(answered("c1", NOW, 9, 5, null)));
            fail();
        } catch (ProblemException e) {
            assertEquals(404, e.status());
        }
    }

    @Test
    public void historyRaisesNoEventsAndLeavesTheFatigueRuleAlone() throws SQLException {
        service.importResponses(survey.id(), List.of(
                new ImportedResponse("c1", "Anna@Example.org", Language.NL, new Subject("ticket", "t-1"),
                        NOW.minus(Duration.ofDays(2)), Map.of("recommend", "0", "satisfied", "1"))));
        assertEquals(List.of(), eventAdmin.topics());
        assertEquals(0, rows("SELECT COUNT(*) FROM SURVEY_CONTACT"));
        assertEquals(1, rows("SELECT COUNT(*) FROM SURVEY_INVITATION WHERE CONTACT='anna@example.org' AND TOKEN_HASH LIKE 'imported:%'"));
        // answered two days ago in the old tool, the contact may still be invited today
        service.invite(survey.id(), new NewInvitation("c1", "anna@example.org", Language.NL, new Subject("ticket", "t-2"), null));
        assertTrue(eventAdmin.topics().contains(org.omotenashi.survey.api.SurveyTopics.INVITED));
    }

    private static ImportedResponse withRef(String ref, ImportedResponse r) {
        return new ImportedResponse(r.customerId(), r.contactEmail(), r.language(), r.subject(), r.answeredAt(),
                r.answers(), ref);
    }

    @Test
    public void historySentAgainIsStoredOnceAndCountedAsAlreadyImported() throws SQLException {
        Instant at = NOW.minus(Duration.ofDays(3));
        List<ImportedResponse> first = List.of(withRef("old-1", answered("c1", at, 10, 5, null)),
                withRef("old-2", answered("c2", at, 3, 1, null)), answered("c3", at, 8, 4, null));
        assertEquals(new ResponseImport(survey.id(), 1, 3, 0), service.importResponses(survey.id(), first));
        SurveyFigures before = service.scores(survey.id(), at.minus(Duration.ofDays(1)), NOW, ScoreGroup.NONE).overall();

        // An interrupted import sent again, with one answer it had not reached yet.
        List<ImportedResponse> again = List.of(withRef("old-1", answered("c1", at, 10, 5, null)),
                withRef("old-2", answered("c2", at, 3, 1, null)), withRef("old-4", answered("c4", at, 9, 5, null)));
        assertEquals(new ResponseImport(survey.id(), 1, 1, 2), service.importResponses(survey.id(), again));

        assertEquals(4, rows("SELECT COUNT(*) FROM SURVEY_RESPONSE"));
        assertEquals(1, rows("SELECT COUNT(*) FROM SURVEY_INVITATION WHERE IMPORT_REF='old-1'"));
        SurveyFigures after = service.scores(survey.id(), at.minus(Duration.ofDays(1)), NOW, ScoreGroup.NONE).overall();
        assertEquals(before.answered() + 1, after.answered());
        assertEquals(before.invited() + 1, after.invited());
    }

    @Test
    public void theSameReferenceMayBeUsedInAnotherSurvey() {
        Survey other = service.define(visitSurvey(), "deskadmin");
        ImportedResponse answer = withRef("old-1", answered("c1", NOW.minus(Duration.ofDays(1)), 9, 5, null));
        service.importResponses(survey.id(), List.of(answer));
        assertEquals(new ResponseImport(other.id(), 1, 1, 0), service.importResponses(other.id(), List.of(answer)));
    }

    @Test
    public void aReferenceTwiceInOneImportIsRefusedAndNothingIsStored() throws SQLException {
        Instant at = NOW.minus(Duration.ofDays(1));
        List<ImportedResponse> history = List.of(withRef("old-1", answered("c1", at, 9, 5, null)),
                withRef("old-2", answered("c2", at, 9, 5, null)), withRef(" old-1 ", answered("c3", at, 2, 1, null)),
                withRef("x".repeat(ImportedResponse.MAX_REF_LENGTH + 1), answered("c4", at, 2, 1, null)));
        assertEquals(List.of("responses[2].importRef", "responses[3].importRef"),
                refusedFields(() -> service.importResponses(survey.id(), history)));
        assertEquals(0, rows("SELECT COUNT(*) FROM SURVEY_RESPONSE"));
    }

    @Test
    public void theDatabaseHoldsEachReferenceOncePerSurveyEvenWithoutTheServicesCheck() throws SQLException {
        // What stops two imports that run at the same time: both pass the look-up, the second insert fails whole.
        service.importResponses(survey.id(), List.of(withRef("old-1", answered("c1", NOW.minus(Duration.ofDays(1)), 9, 5, null))));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            try {
                st.executeUpdate("INSERT INTO SURVEY_INVITATION (ID, TOKEN_HASH, SURVEY_ID, SURVEY_VERSION, CUSTOMER_ID, CONTACT, "
                        + "LANGUAGE, SUBJECT_TYPE, SUBJECT_REF, INVITED_AT, INVITED_DAY, INVITED_WEEK, INVITED_MONTH, EXPIRES_AT, "
                        + "ANSWERED_AT, IMPORT_REF) SELECT 'copy', 'imported:copy', SURVEY_ID, SURVEY_VERSION, CUSTOMER_ID, CONTACT, "
                        + "LANGUAGE, SUBJECT_TYPE, SUBJECT_REF, INVITED_AT, INVITED_DAY, INVITED_WEEK, INVITED_MONTH, EXPIRES_AT, "
                        + "ANSWERED_AT, IMPORT_REF FROM SURVEY_INVITATION WHERE IMPORT_REF='old-1'");
                fail("a second row with the same survey and import reference was stored");
            } catch (SQLException e) {
                assertTrue(e.getSQLState(), org.omotenashi.core.db.Transactions.isDuplicateKey(e));
            }
        }
        // Invitations sent here carry no reference; any number of them may.
        service.invite(survey.id(), new NewInvitation("c2", "b@example.org", Language.NL, new Subject("ticket", "t-2"), null));
        service.invite(survey.id(), new NewInvitation("c3", "c@example.org", Language.NL, new Subject("ticket", "t-3"), null));
        assertEquals(2, rows("SELECT COUNT(*) FROM SURVEY_INVITATION WHERE IMPORT_REF IS NULL"));
    }

    /** Gives a live answer through an invitation and its token, as a guest would. */
    private static final class IssuedAnswer {
        static void of(StoredSurveyService service, Survey s, String customer, int n, Integer nps, Integer csat, Integer ces) {
            Map<String, String> answers = new HashMap<>();
            answers.put("recommend", String.valueOf(nps));
            answers.put("satisfied", String.valueOf(csat));
            if (ces != null) {
                answers.put("effort", String.valueOf(ces));
            }
            String token = service.invite(s.id(), new NewInvitation(customer, "live" + n + "@example.org", Language.NL,
                    new Subject("ticket", "t-" + customer), null)).token();
            service.answer(token, answers);
        }
    }
}
