package org.omotenashi.survey.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.Before;
import org.junit.Test;
import org.omotenashi.core.db.Migrations;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.time.MovableClock;
import org.omotenashi.survey.api.Ambassador;
import org.omotenashi.survey.api.GuestForm;
import org.omotenashi.survey.api.IssuedInvitation;
import org.omotenashi.survey.api.Language;
import org.omotenashi.survey.api.NewInvitation;
import org.omotenashi.survey.api.NewSurvey;
import org.omotenashi.survey.api.Question;
import org.omotenashi.survey.api.QuestionType;
import org.omotenashi.survey.api.ScoreGroup;
import org.omotenashi.survey.api.Subject;
import org.omotenashi.survey.api.Survey;
import org.omotenashi.survey.api.SurveyFigures;
import org.omotenashi.survey.api.SurveyResponse;
import org.omotenashi.survey.api.SurveyScores;
import org.omotenashi.survey.api.SurveyTopics;
import org.omotenashi.testing.MemoryDatabase;
import org.omotenashi.testing.RecordedEvents;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.events.EventSubscription;
import org.osgi.service.event.Event;

/** The survey service on a real (in-memory) Derby, migrated by the real changelog, with a clock the test moves. */
public class StoredSurveyServiceTest {
    private static final Instant START = Instant.parse("2026-05-04T10:00:00Z");
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private final MovableClock clock = MovableClock.fixedAt(START);
    private RecordedEvents eventAdmin;
    private EmbeddedDataSource dataSource;
    private StoredSurveyService service;
    private int contacts;

    @Before
    public void freshDatabase() {
        dataSource = MemoryDatabase.migrated(SurveyComponent.CHANGELOG, SurveyComponent.class);
        eventAdmin = new RecordedEvents(dataSource, clock);
        service = new StoredSurveyService(dataSource, clock, new SurveyEvents(eventAdmin.log()),
                new StoredSurveyService.Settings(Duration.ofDays(14), Duration.ofDays(30), "http://localhost:8181/", AMSTERDAM));
    }

    private static NewSurvey visitSurvey() {
        return new NewSurvey("After the visit", List.of(
                new Question("recommend", QuestionType.NPS, "Hoe waarschijnlijk is het dat u ons aanbeveelt?",
                        "How likely are you to recommend us?", true),
                new Question("satisfied", QuestionType.CSAT, "Hoe tevreden bent u?", "How satisfied are you?", true),
                new Question("effort", QuestionType.CES, "Hoeveel moeite kostte het?", "How much effort did it take?", false),
                new Question("remarks", QuestionType.TEXT, "Opmerkingen", "Remarks", false)), List.of());
    }

    private Survey define() {
        return service.define(visitSurvey(), "deskadmin");
    }

    private IssuedInvitation invite(Survey s, String customer) {
        return service.invite(s.id(), new NewInvitation(customer, "guest" + (++contacts) + "@example.org", Language.EN,
                new Subject("promise", "p-" + contacts), null));
    }

    private SurveyResponse answer(Survey s, String customer, Integer nps, Integer csat, Integer ces) {
        Map<String, String> answers = new HashMap<>();
        answers.put("recommend", String.valueOf(nps));
        answers.put("satisfied", String.valueOf(csat));
        if (ces != null) {
            answers.put("effort", String.valueOf(ces));
        }
        return service.answer(invite(s, customer).token(), answers);
    }

    private int rows(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet r = st.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    private static void refused(int status, Runnable action) {
        try {
            action.run();
            fail("expected a " + status);
        } catch (ProblemException e) {
            assertEquals(e.detail(), status, e.status());
        }
    }

    @Test
    public void migratingTwiceRunsEachStepOnce() throws SQLException {
        Migrations.apply(dataSource, SurveyComponent.CHANGELOG, SurveyComponent.class);
        assertEquals(1, rows("SELECT COUNT(*) FROM DATABASECHANGELOG WHERE ID='survey-1'"));
    }

    @Test
    public void aDefinedSurveyIsVersionOneAndListed() {
        Survey s = define();
        assertEquals(1, s.version());
        assertEquals(s, service.find(s.id()).orElseThrow());
        assertEquals(List.of(s), service.list());
    }

    @Test
    public void revisingMakesANewVersionAndKeepsTheOldOne() {
        Survey v1 = define();
        NewSurvey changed = new NewSurvey("After the visit", List.of(
                new Question("recommend", QuestionType.NPS, "Zou u ons aanraden?", "Would you recommend us?", true)), List.of());
        Survey v2 = service.revise(v1.id(), changed, 1, "deskadmin");
        assertEquals(2, v2.version());
        assertEquals(v2, service.find(v1.id()).orElseThrow());
        assertEquals(v1, service.find(v1.id(), 1).orElseThrow());
        refused(412, () -> service.revise(v1.id(), changed, 1, "deskadmin"));
        refused(404, () -> service.revise("nope", changed, null, "deskadmin"));
    }

    @Test
    public void anInvitationIsAnsweredWithTheVersionItWasSentWith() {
        Survey v1 = define();
        IssuedInvitation invitation = invite(v1, "c1");
        // the survey changes after the invitation went out: CSAT is dropped, NPS becomes optional
        service.revise(v1.id(), new NewSurvey("Shorter", List.of(
                new Question("recommend", QuestionType.NPS, "nl", "en", false)), List.of()), null, "deskadmin");
        GuestForm form = service.open(invitation.token());
        assertEquals(1, form.survey().version());
        assertEquals(4, form.survey().questions().size());
        SurveyResponse r = service.answer(invitation.token(), Map.of("recommend", "10", "satisfied", "2"));
        assertEquals(1, r.surveyVersion());
        assertEquals(Integer.valueOf(2), r.csat());
        SurveyScores scores = service.scores(v1.id(), START, START.plusSeconds(60), ScoreGroup.NONE);
        assertEquals(0.0, scores.overall().csat(), 0.0);
        assertEquals(100.0, scores.overall().nps(), 0.0);
    }

    @Test
    public void anInvitationHandsOutATokenLinkAndExpiryButStoresOnlyTheHash() throws SQLException {
        Survey s = define();
        IssuedInvitation i = invite(s, "c1");
        assertEquals("http://localhost:8181/survey/" + i.token(), i.url());
        assertEquals(START.plus(Duration.ofDays(14)), i.expiresAt());
        assertEquals(0, rows("SELECT COUNT(*) FROM SURVEY_INVITATION WHERE TOKEN_HASH='" + i.token() + "'"));
        assertEquals(1, rows("SELECT COUNT(*) FROM SURVEY_INVITATION WHERE TOKEN_HASH='" + InvitationTokens.hash(i.token()) + "'"));
        Event invited = eventAdmin.events().get(0);
        assertEquals(SurveyTopics.INVITED, invited.getTopic());
        assertEquals("c1", invited.getProperty(SurveyTopics.CUSTOMER_ID));
        assertEquals("promise", invited.getProperty(SurveyTopics.SUBJECT_TYPE));
        assertNull(invited.getProperty(SurveyTopics.CONTACT_EMAIL));
    }

    @Test
    public void theSameContactIsNotInvitedAgainWithinTheFatiguePeriod() throws SQLException {
        Survey s = define();
        Survey other = service.define(visitSurvey(), "deskadmin");
        NewInvitation first = new NewInvitation("c1", "Anna@Example.org", Language.NL, new Subject("promise", "p1"), null);
        service.invite(s.id(), first);
        NewInvitation again = new NewInvitation("c1", "anna@example.org ", Language.NL, new Subject("handover", "h1"), null);
        try {
            service.invite(other.id(), again);
            fail("the fatigue rule must refuse");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
            assertTrue(e.detail(), e.detail().contains(START.plus(Duration.ofDays(30)).toString()));
        }
        assertEquals(1, rows("SELECT COUNT(*) FROM SURVEY_INVITATION"));
        clock.advance(Duration.ofDays(30));
        service.invite(other.id(), again);
        assertEquals(2, rows("SELECT COUNT(*) FROM SURVEY_INVITATION"));
    }

    @Test
    public void fatigueZeroSwitchesTheRuleOff() {
        service.configure(new StoredSurveyService.Settings(Duration.ofDays(14), Duration.ZERO, "http://x", AMSTERDAM));
        Survey s = define();
        NewInvitation i = new NewInvitation("c1", "a@example.org", Language.NL, new Subject("promise", "p1"), null);
        service.invite(s.id(), i);
        service.invite(s.id(), i);
    }

    @Test
    public void invitationsNeedCustomerContactLanguageAndSubject() {
        Survey s = define();
        try {
            service.invite(s.id(), new NewInvitation(" ", "not-an-address", null, new Subject("", null), Duration.ZERO));
            fail();
        } catch (ProblemException e) {
            assertEquals(List.of("customerId", "contactEmail", "language", "subject.type", "subject.ref", "validDays"),
                    e.errors().stream().map(f -> f.field()).toList());
        }
        refused(404, () -> service.invite("nope", new NewInvitation("c", "a@b.nl", Language.NL, new Subject("t", "r"), null)));
    }

    @Test
    public void aTokenAnswersOnceAndTheSecondTimeIsRefusedStoringNothing() throws SQLException {
        Survey s = define();
        IssuedInvitation i = invite(s, "c1");
        service.answer(i.token(), Map.of("recommend", "9", "satisfied", "4"));
        refused(409, () -> service.answer(i.token(), Map.of("recommend", "0", "satisfied", "1")));
        refused(409, () -> service.open(i.token()));
        assertEquals(1, rows("SELECT COUNT(*) FROM SURVEY_RESPONSE"));
        assertEquals(9, rows("SELECT NPS FROM SURVEY_RESPONSE"));
    }

    @Test
    public void anExpiredTokenIsGoneAndAnUnknownOneIsNotFound() throws SQLException {
        Survey s = define();
        IssuedInvitation i = invite(s, "c1");
        clock.advance(Duration.ofDays(14));
        refused(410, () -> service.open(i.token()));
        refused(410, () -> service.answer(i.token(), Map.of("recommend", "9", "satisfied", "4")));
        refused(404, () -> service.open(InvitationTokens.newToken()));
        refused(404, () -> service.answer("../../etc/passwd", Map.of()));
        assertEquals(0, rows("SELECT COUNT(*) FROM SURVEY_RESPONSE"));
    }

    @Test
    public void aMissingRequiredAnswerIsRefusedAndTheTokenStaysUsable() throws SQLException {
        Survey s = define();
        IssuedInvitation i = invite(s, "c1");
        try {
            service.answer(i.token(), Map.of("recommend", "9"));
            fail();
        } catch (GuestRefusal e) {
            assertEquals(400, e.status());
            assertEquals(Language.EN, e.language());
            assertEquals("satisfied", e.errors().get(0).field());
        }
        assertEquals(0, rows("SELECT COUNT(*) FROM SURVEY_RESPONSE"));
        assertEquals(0, rows("SELECT COUNT(*) FROM SURVEY_INVITATION WHERE ANSWERED_AT IS NOT NULL"));
        service.answer(i.token(), Map.of("recommend", "9", "satisfied", "5"));
    }

    @Test
    public void scoresFromKnownAnswersAreExact() {
        Survey s = define();
        // NPS: 10, 9, 9, 8, 7, 6, 3 -> 3 promoters, 2 passives, 2 detractors of 7 -> 14.29
        // CSAT: 5, 4, 4, 3, 5, 1, 2 -> 4 of 7 satisfied -> 57.14
        // CES: 2, 3, -, 4, 1, 7, 6 -> 23 / 6 = 3.83
        answer(s, "c1", 10, 5, 2);
        answer(s, "c2", 9, 4, 3);
        answer(s, "c3", 9, 4, null);
        answer(s, "c4", 8, 3, 4);
        answer(s, "c5", 7, 5, 1);
        answer(s, "c6", 6, 1, 7);
        answer(s, "c7", 3, 2, 6);
        invite(s, "c8"); // sent, never answered
        SurveyFigures all = service.scores(s.id(), START.minusSeconds(1), START.plusSeconds(1), ScoreGroup.NONE).overall();
        assertEquals(8, all.invited());
        assertEquals(7, all.answered());
        assertEquals(87.5, all.responseRate(), 0.0);
        assertEquals(3, all.promoters());
        assertEquals(2, all.passives());
        assertEquals(2, all.detractors());
        assertEquals(14.29, all.nps(), 0.0);
        // p=3/7, d=2/7: var = 5/7 - 1/49 = 34/49; 1.96*sqrt(34/49/7)*100 = 61.71
        assertEquals(61.71, all.npsMargin(), 0.0);
        assertEquals(57.14, all.csat(), 0.0);
        // 1.96*sqrt((4/7)(3/7)/7)*100 = 36.66
        assertEquals(36.66, all.csatMargin(), 0.0);
        assertEquals(6, all.cesAnswers());
        assertEquals(3.83, all.ces(), 0.0);
    }

    @Test
    public void scoresGroupByMonthDayWeekCustomerAndSubjectType() {
        Survey s = define();
        answer(s, "c1", 10, 5, null);
        // 2026-05-31T22:30Z is already June 1st in Amsterdam
        clock.setOffset(Duration.between(START, Instant.parse("2026-05-31T22:30:00Z")));
        answer(s, "c1", 0, 1, null);
        answer(s, "c2", 9, 5, null);
        Instant from = START.minus(Duration.ofDays(1));
        Instant to = Instant.parse("2026-07-01T00:00:00Z");

        List<SurveyFigures> months = service.scores(s.id(), from, to, ScoreGroup.MONTH).groups();
        assertEquals(List.of("2026-05", "2026-06"), months.stream().map(SurveyFigures::key).toList());
        assertEquals(100.0, months.get(0).nps(), 0.0);
        assertEquals(0.0, months.get(1).nps(), 0.0);

        List<SurveyFigures> days = service.scores(s.id(), from, to, ScoreGroup.DAY).groups();
        assertEquals(List.of("2026-05-04", "2026-06-01"), days.stream().map(SurveyFigures::key).toList());

        List<SurveyFigures> weeks = service.scores(s.id(), from, to, ScoreGroup.WEEK).groups();
        assertEquals(List.of("2026-W19", "2026-W23"), weeks.stream().map(SurveyFigures::key).toList());

        List<SurveyFigures> customers = service.scores(s.id(), from, to, ScoreGroup.CUSTOMER).groups();
        assertEquals(List.of("c1", "c2"), customers.stream().map(SurveyFigures::key).toList());
        assertEquals(2, customers.get(0).answered());
        assertEquals(0.0, customers.get(0).nps(), 0.0);

        List<SurveyFigures> subjects = service.scores(s.id(), from, to, ScoreGroup.SUBJECT_TYPE).groups();
        assertEquals(List.of("promise"), subjects.stream().map(SurveyFigures::key).toList());
        assertEquals(3, subjects.get(0).invited());
        assertEquals(100.0, subjects.get(0).responseRate(), 0.0);
    }

    @Test
    public void scoresOfAnUnknownSurveyAreNotFound() {
        refused(404, () -> service.scores("nope", START, START.plusSeconds(1), ScoreGroup.NONE));
    }

    @Test
    public void aDetractorIsRaisedWithCustomerSubjectAndAnswer() {
        Survey s = define();
        answer(s, "happy", 9, 5, null);
        answer(s, "npsLow", 6, 5, null);
        answer(s, "csatLow", 10, 2, null);
        List<Event> detractors = eventAdmin.events().stream().filter(e -> e.getTopic().equals(SurveyTopics.DETRACTOR)).toList();
        assertEquals(List.of("npsLow", "csatLow"), detractors.stream().map(e -> e.getProperty(SurveyTopics.CUSTOMER_ID)).toList());
        Event first = detractors.get(0);
        assertEquals(6, first.getProperty(SurveyTopics.NPS));
        assertEquals("promise", first.getProperty(SurveyTopics.SUBJECT_TYPE));
        assertEquals("6", ((Map<?, ?>) first.getProperty(SurveyTopics.ANSWERS)).get("recommend"));
        assertEquals(3, eventAdmin.count(SurveyTopics.ANSWERED));
    }

    @Test
    public void promotersAreListedAsAmbassadorsByTheirLatestAnswer() {
        Survey s = define();
        answer(s, "fan", 10, 5, null);
        answer(s, "turned", 9, 5, null);
        clock.advance(Duration.ofHours(1));
        answer(s, "turned", 4, 2, null);
        answer(s, "passive", 8, 4, null);
        List<Ambassador> found = service.ambassadors(s.id(), START.minusSeconds(1), START.plus(Duration.ofDays(1)), 10);
        assertEquals(List.of("fan"), found.stream().map(Ambassador::customerId).toList());
        assertEquals(10, found.get(0).nps());
    }

    @Test
    public void theCsvHasOneRowPerAnswerAndAColumnPerQuestion() {
        Survey s = define();
        SurveyResponse r = service.answer(invite(s, "c1").token(),
                Map.of("recommend", "9", "satisfied", "4", "remarks", "Quick, \"friendly\"\n=1+1"));
        StringWriter out = new StringWriter();
        service.exportCsv(s.id(), START.minusSeconds(1), START.plusSeconds(1), out);
        String[] lines = out.toString().split("\r\n");
        assertEquals("invitationId,surveyVersion,customerId,subjectType,subjectRef,answeredAt,nps,csat,ces,"
                + "recommend,satisfied,effort,remarks", lines[0]);
        assertEquals(r.invitationId() + ",1,c1,promise,p-1," + START + ",9,4,,9,4,,\"Quick, \"\"friendly\"\"\n=1+1\"", lines[1]);
        assertEquals(2, lines.length);
    }

    @Test
    public void automaticInvitationsTakeTheSubjectFromTheTopicOrTheEvent() {
        assertEquals(new Subject("promise", "p-9"), AutomaticInvitations.subject("omotenashi/promise/KEPT",
                Map.of("promiseId", "p-9", "customerId", "c1")));
        assertEquals(new Subject("ticket", "I-1"), AutomaticInvitations.subject("facility/ticket/CLOSED",
                Map.of("subjectType", "ticket", "subjectRef", "I-1")));
        assertTrue(AutomaticInvitations.matches("omotenashi/handover/*", "omotenashi/handover/ACCEPTED"));
        assertFalse(AutomaticInvitations.matches("omotenashi/promise/KEPT", "omotenashi/promise/KEPT_LATE"));
    }

    private void logged(String topic, Map<String, Object> properties) {
        Transactions.inTransaction(dataSource, c -> eventAdmin.log().append(c, topic, properties));
    }

    private EventSubscription automaticInvitations(java.util.function.Function<String, Optional<String>> holdOff) {
        AutomaticInvitations automatic = new AutomaticInvitations(service, dataSource, null, () -> Language.NL, holdOff);
        automatic.loadTriggers();
        return eventAdmin.stored().subscribe(AutomaticInvitations.CONSUMER, automatic::wants, automatic);
    }

    @Test
    public void aKeptPromiseInTheLogInvitesItsContactOnceAndWhatIsNotSentSaysWhy() throws SQLException {
        Survey s = service.define(new NewSurvey("After a kept promise", visitSurvey().questions(),
                List.of("omotenashi/promise/KEPT")), "deskadmin");
        EventSubscription consumer = automaticInvitations(customer -> Optional.empty());
        logged("omotenashi/promise/KEPT", Map.of("promiseId", "p-0", "customerId", "c1"));
        Map<String, Object> withContact = Map.of("promiseId", "p-1", "customerId", "c1", "contactEmail", "a@example.org");
        logged("omotenashi/promise/KEPT", withContact);
        logged("omotenashi/promise/CREATED", withContact);
        logged("omotenashi/promise/KEPT", Map.of("promiseId", "p-2", "customerId", "c1", "contactEmail", "a@example.org"));
        eventAdmin.stored().relayNow();
        assertEquals(3, consumer.catchUp());
        assertEquals(0, consumer.catchUp());
        assertEquals(1, rows("SELECT COUNT(*) FROM SURVEY_INVITATION WHERE SURVEY_ID='" + s.id()
                + "' AND SUBJECT_REF='p-1' AND LANGUAGE='NL' AND TRIGGER_TOPIC='omotenashi/promise/KEPT'"));
        assertEquals(1, rows("SELECT COUNT(*) FROM SURVEY_INVITATION"));
        assertEquals(1, rows("SELECT COUNT(*) FROM SURVEY_TIMELINE WHERE KIND='SKIPPED' AND SUBJECT_REF='p-0' "
                + "AND REASON LIKE '%no contact%'"));
        assertEquals(1, rows("SELECT COUNT(*) FROM SURVEY_TIMELINE WHERE KIND='SKIPPED' AND SUBJECT_REF='p-2' "
                + "AND REASON LIKE '%invited to a survey on%'"));
        assertEquals(2, eventAdmin.count(SurveyTopics.SKIPPED));
        consumer.close();
    }

    @Test
    public void aCustomerTheContactBudgetHoldsIsNotInvitedAndTheTimelineSaysWhy() throws SQLException {
        service.define(new NewSurvey("After a kept promise", visitSurvey().questions(), List.of("omotenashi/promise/KEPT")),
                "deskadmin");
        EventSubscription consumer = automaticInvitations(
                customer -> customer.equals("c1") ? Optional.of("escalation e-1 is open") : Optional.empty());
        logged("omotenashi/promise/KEPT", Map.of("promiseId", "p-1", "customerId", "c1", "contactEmail", "a@example.org"));
        logged("omotenashi/promise/KEPT", Map.of("promiseId", "p-2", "customerId", "c2", "contactEmail", "b@example.org"));
        eventAdmin.stored().relayNow();
        consumer.catchUp();
        assertEquals(0, rows("SELECT COUNT(*) FROM SURVEY_INVITATION WHERE CUSTOMER_ID='c1'"));
        assertEquals(1, rows("SELECT COUNT(*) FROM SURVEY_INVITATION WHERE CUSTOMER_ID='c2'"));
        assertEquals(1, rows("SELECT COUNT(*) FROM SURVEY_TIMELINE WHERE KIND='SKIPPED' AND CUSTOMER_ID='c1' "
                + "AND REASON='escalation e-1 is open'"));
        consumer.close();
    }

    @Test
    public void eventAdminBringsOtherBundlesEventsButNotTheLogsOwnTwice() throws SQLException {
        service.define(new NewSurvey("After a ticket", visitSurvey().questions(),
                List.of("facility/ticket/*", "omotenashi/promise/KEPT")), "deskadmin");
        AutomaticInvitations automatic = new AutomaticInvitations(service, dataSource, null, () -> Language.NL,
                customer -> Optional.empty());
        automatic.loadTriggers();
        automatic.handleEvent(new Event("facility/ticket/CLOSED", Map.of("customerId", "c1", "contactEmail",
                "a@example.org", "subjectType", "ticket", "subjectRef", "I-1")));
        assertEquals(1, rows("SELECT COUNT(*) FROM SURVEY_INVITATION WHERE SUBJECT_REF='I-1'"));
        logged("omotenashi/promise/KEPT", Map.of("promiseId", "p-1", "customerId", "c2", "contactEmail", "b@example.org"));
        automatic.handleEvent(eventAdmin.events().get(eventAdmin.events().size() - 1));
        assertEquals(0, rows("SELECT COUNT(*) FROM SURVEY_INVITATION WHERE SUBJECT_REF='p-1'"));
    }
}
