package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Before;
import org.junit.Test;
import org.omotenashi.core.load.ReportGate;
import org.omotenashi.core.load.ReportKind;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The survey module on the assembly: definitions, invitations, answers over REST and over the guest
 * page, exact scores, every refusal, SOAP, the shell, and the data surviving a module restart and update.
 */
public class SurveyIT extends OmotenashiTestSupport {
    private static final String SURVEYS = "/api/v1/surveys";
    private static final Duration READY = Duration.ofSeconds(90);

    private static final String DEFINITION = "{\"name\":\"After the visit\",\"questions\":["
            + "{\"key\":\"recommend\",\"type\":\"NPS\",\"textNl\":\"Hoe waarschijnlijk is het dat u ons aanbeveelt?\","
            + "\"textEn\":\"How likely are you to recommend us?\"},"
            + "{\"key\":\"satisfied\",\"type\":\"CSAT\",\"textNl\":\"Hoe tevreden bent u?\",\"textEn\":\"How satisfied are you?\"},"
            + "{\"key\":\"effort\",\"type\":\"CES\",\"textNl\":\"Hoeveel moeite kostte het?\",\"textEn\":\"How much effort did it take?\",\"required\":false},"
            + "{\"key\":\"remarks\",\"type\":\"TEXT\",\"textNl\":\"Opmerkingen\",\"textEn\":\"Remarks\"}]}";

    @Before
    public void moduleIsUp() throws Exception {
        awaitHttp(SURVEYS, "service", "service", 200, READY);
        awaitHttp("/soap/surveys?wsdl", "viewer", "viewer", 200, READY);
        awaitHttp("/survey/unknown-token", null, null, 404, READY, body -> true, "Accept", "text/html");
    }

    /** A guest's browser asks for HTML; the guest page answers nothing else (406 to a JSON-only client). */
    private HttpResponse<String> page(String path) {
        return send("GET", path, null, null, null, "Accept", "text/html");
    }

    private String defineSurvey() {
        HttpResponse<String> created = send("POST", SURVEYS, "deskadmin", "deskadmin", DEFINITION);
        assertEquals(created.body(), 201, created.statusCode());
        return json(created).path("id").asText();
    }

    private static String contact() {
        return "guest-" + UUID.randomUUID() + "@example.org";
    }

    private HttpResponse<String> invite(String surveyId, String customer, String email, String language, String extra) {
        return send("POST", SURVEYS + "/" + surveyId + "/invitations", "service", "service",
                "{\"customerId\":\"" + customer + "\",\"contactEmail\":\"" + email + "\",\"language\":\"" + language
                        + "\",\"subject\":{\"type\":\"promise\",\"ref\":\"p-" + customer + "\"}" + extra + "}");
    }

    private String token(String surveyId, String customer, String language) {
        HttpResponse<String> invited = invite(surveyId, customer, contact(), language, "");
        assertEquals(invited.body(), 201, invited.statusCode());
        return json(invited).path("token").asText();
    }

    private HttpResponse<String> answerOverRest(String token, String answers) {
        return send("POST", "/api/v1/responses/" + token, null, null, "{\"answers\":" + answers + "}");
    }

    private HttpResponse<String> postForm(String token, String form) {
        return send("POST", "/survey/" + token, null, null, form, "Content-Type", "application/x-www-form-urlencoded",
                "Accept", "text/html");
    }

    private JsonNode scores(String surveyId, String groupBy) {
        Instant now = Instant.now();
        HttpResponse<String> response = get(SURVEYS + "/" + surveyId + "/scores?from=" + now.minus(Duration.ofDays(3))
                + "&to=" + now.plus(Duration.ofDays(3)) + (groupBy == null ? "" : "&groupBy=" + groupBy), "sales", "sales");
        assertEquals(response.body(), 200, response.statusCode());
        return json(response);
    }

    @Test
    public void aDeskAdminDefinesASurveyThatEveryTeamCanReadButOnlyTheDeskCanDefine() {
        String id = defineSurvey();
        HttpResponse<String> read = get(SURVEYS + "/" + id, "integration", "integration");
        assertEquals(200, read.statusCode());
        assertEquals(1, json(read).path("version").asInt());
        assertEquals("recommend", json(read).path("questions").path(0).path("key").asText());
        assertFalse(json(read).path("questions").path(3).path("required").asBoolean());
        assertEquals(403, send("POST", SURVEYS, "sales", "sales", DEFINITION).statusCode());
        assertEquals(401, send("POST", SURVEYS, null, null, DEFINITION).statusCode());
        HttpResponse<String> bad = send("POST", SURVEYS, "deskadmin", "deskadmin", "{\"name\":\"\",\"questions\":[{\"type\":\"STARS\"}]}");
        assertEquals(bad.body(), 400, bad.statusCode());
        assertTrue(bad.body(), bad.body().contains("questions[0].type"));
        assertEquals(404, get(SURVEYS + "/no-such-survey", "sales", "sales").statusCode());
    }

    @Test
    public void historySentTwiceOverRestIsStoredOnce() {
        String id = defineSurvey();
        String answeredAt = Instant.now().minus(Duration.ofDays(1)).toString();
        String history = "{\"responses\":[" + imported("old-1", "c-1", answeredAt, 10) + "," + imported("old-2", "c-2", answeredAt, 2)
                + "]}";
        HttpResponse<String> first = send("POST", SURVEYS + "/" + id + "/responses/import", "deskadmin", "deskadmin", history);
        assertEquals(first.body(), 200, first.statusCode());
        assertEquals(2, json(first).path("imported").asInt());
        HttpResponse<String> again = send("POST", SURVEYS + "/" + id + "/responses/import", "deskadmin", "deskadmin", history);
        assertEquals(again.body(), 200, again.statusCode());
        assertEquals(0, json(again).path("imported").asInt());
        assertEquals(2, json(again).path("alreadyImported").asInt());
        assertEquals(2, scores(id, null).path("overall").path("answered").asInt());

        HttpResponse<String> twice = send("POST", SURVEYS + "/" + id + "/responses/import", "deskadmin", "deskadmin",
                "{\"responses\":[" + imported("old-3", "c-3", answeredAt, 9) + "," + imported("old-3", "c-4", answeredAt, 9) + "]}");
        assertEquals(twice.body(), 400, twice.statusCode());
        assertTrue(twice.body(), twice.body().contains("responses[1].importRef"));
        assertEquals(2, scores(id, null).path("overall").path("answered").asInt());
    }

    private static String imported(String ref, String customer, String answeredAt, int recommend) {
        return "{\"customerId\":\"" + customer + "\",\"language\":\"en\",\"subject\":{\"type\":\"ticket\",\"ref\":\"t-" + customer
                + "\"},\"answeredAt\":\"" + answeredAt + "\",\"answers\":{\"recommend\":" + recommend
                + ",\"satisfied\":4},\"importRef\":\"" + ref + "\"}";
    }

    @Test
    public void anInvitationGivesAnUnguessableLinkAndTheSameContactIsNotAskedAgainSoon() {
        String id = defineSurvey();
        String email = contact();
        HttpResponse<String> first = invite(id, "c-fatigue", email, "nl", "");
        assertEquals(first.body(), 201, first.statusCode());
        JsonNode invitation = json(first);
        assertTrue(invitation.path("token").asText().matches("[A-Za-z0-9_-]{43}"));
        assertEquals("http://localhost:8181/survey/" + invitation.path("token").asText(), invitation.path("url").asText());
        assertFalse(invitation.path("expiresAt").asText().isEmpty());

        HttpResponse<String> again = invite(id, "c-fatigue", email.toUpperCase(), "en", "");
        assertEquals(again.body(), 409, again.statusCode());
        assertTrue(again.body(), again.body().contains("invited"));
        HttpResponse<String> invalid = invite(id, "", "not-an-address", "fr", "");
        assertEquals(invalid.body(), 400, invalid.statusCode());
        assertTrue(invalid.body(), invalid.body().contains("contactEmail") && invalid.body().contains("language"));
        assertEquals(404, invite("no-such-survey", "c", contact(), "nl", "").statusCode());
    }

    @Test
    public void knownAnswersGiveExactScores() {
        String id = defineSurvey();
        // NPS 10, 9, 7, 3 -> 2 promoters, 1 passive, 1 detractor of 4 -> 25.0
        // CSAT 5, 4, 3, 1 -> 2 of 4 -> 50.0; CES 2, 4, 6 -> 4.0
        assertEquals(201, answerOverRest(token(id, "k1", "en"), "{\"recommend\":10,\"satisfied\":5,\"effort\":2}").statusCode());
        assertEquals(201, answerOverRest(token(id, "k2", "en"), "{\"recommend\":9,\"satisfied\":4,\"effort\":4}").statusCode());
        assertEquals(201, answerOverRest(token(id, "k3", "en"), "{\"recommend\":7,\"satisfied\":3}").statusCode());
        assertEquals(201, answerOverRest(token(id, "k4", "nl"), "{\"recommend\":3,\"satisfied\":1,\"effort\":6,\"remarks\":\"Te laat\"}").statusCode());
        token(id, "k5", "en"); // never answered

        JsonNode all = scores(id, null).path("overall");
        assertEquals(5, all.path("invited").asInt());
        assertEquals(4, all.path("answered").asInt());
        assertEquals(80.0, all.path("responseRate").asDouble(), 0.0);
        assertEquals(25.0, all.path("nps").asDouble(), 0.0);
        // p=.5, d=.25: var = .75 - .0625 = .6875; 1.96*sqrt(.6875/4)*100 = 81.26
        assertEquals(81.26, all.path("npsMargin").asDouble(), 0.0);
        assertEquals(50.0, all.path("csat").asDouble(), 0.0);
        // 1.96*sqrt(.25/4)*100 = 49.0
        assertEquals(49.0, all.path("csatMargin").asDouble(), 0.0);
        assertEquals(4.0, all.path("ces").asDouble(), 0.0);

        JsonNode months = scores(id, "month").path("groups");
        assertEquals(months.toString(), 4, months.path(0).path("answered").asInt() + months.path(1).path("answered").asInt());
        JsonNode customers = scores(id, "customer").path("groups");
        assertEquals(5, customers.size());
        assertEquals(400, get(SURVEYS + "/" + id + "/scores?groupBy=year", "sales", "sales").statusCode());

        HttpResponse<String> csv = send("GET", SURVEYS + "/" + id + "/responses.csv", "service", "service", null,
                "Accept", "text/csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse(""), csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertEquals(5, lines.length);
        assertTrue(lines[0], lines[0].endsWith("recommend,satisfied,effort,remarks"));
        assertTrue(csv.body(), csv.body().contains("Te laat"));

        HttpResponse<String> ambassadors = get(SURVEYS + "/" + id + "/ambassadors", "sales", "sales");
        assertEquals(2, json(ambassadors).path("items").size());
    }

    @Test
    public void theRestAnswerRefusesWhatTheRulesRefuseAndStoresNothing() throws Exception {
        String id = defineSurvey();
        String token = token(id, "r1", "en");
        HttpResponse<String> form = get("/api/v1/responses/" + token, null, null);
        assertEquals(form.body(), 200, form.statusCode());
        assertEquals("How likely are you to recommend us?", json(form).path("questions").path(0).path("text").asText());

        HttpResponse<String> missing = answerOverRest(token, "{\"recommend\":9}");
        assertEquals(missing.body(), 400, missing.statusCode());
        assertTrue(missing.body(), missing.body().contains("satisfied"));
        assertEquals(400, answerOverRest(token, "{\"recommend\":11,\"satisfied\":4}").statusCode());
        assertEquals(0, scores(id, null).path("overall").path("answered").asInt());

        assertEquals(201, answerOverRest(token, "{\"recommend\":9,\"satisfied\":4}").statusCode());
        HttpResponse<String> twice = answerOverRest(token, "{\"recommend\":0,\"satisfied\":1}");
        assertEquals(twice.body(), 409, twice.statusCode());
        assertTrue(twice.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(404, answerOverRest("A".repeat(43), "{\"recommend\":9,\"satisfied\":4}").statusCode());
        assertEquals(9.0 - 9.0 + 100.0, scores(id, null).path("overall").path("nps").asDouble(), 0.0);
    }

    @Test
    public void theGuestPageAsksInTheInvitationsLanguageAndThanksAfterwards() {
        String id = defineSurvey();
        String token = token(id, "g1", "nl");
        HttpResponse<String> page = page("/survey/" + token);
        assertEquals(page.body(), 200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<html lang=\"nl\">"));
        assertTrue(page.body().contains("Hoe waarschijnlijk is het dat u ons aanbeveelt?"));
        assertTrue(page.body().contains("<fieldset"));
        assertTrue(page.body().contains("name=\"viewport\""));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));

        // A missing answer: the page comes back with the message and the answers already given.
        HttpResponse<String> missing = postForm(token, "recommend=8&remarks=" + URLEncoder.encode("Prima <b>service</b>", StandardCharsets.UTF_8));
        assertEquals(missing.body(), 400, missing.statusCode());
        assertTrue(missing.body().contains("Beantwoord deze vraag alstublieft."));
        assertTrue(missing.body().contains("value=\"8\" checked"));
        assertTrue(missing.body().contains("Prima &lt;b&gt;service&lt;/b&gt;</textarea>"));
        assertEquals(0, scores(id, null).path("overall").path("answered").asInt());

        HttpResponse<String> sent = postForm(token, "recommend=8&satisfied=4&remarks=Prima");
        assertEquals(sent.body(), 303, sent.statusCode());
        String location = sent.headers().firstValue("Location").orElse("");
        assertTrue(location, location.endsWith("/survey/" + token + "/thanks"));
        HttpResponse<String> thanks = page(location.substring(location.indexOf("/survey/")));
        assertEquals(200, thanks.statusCode());
        assertTrue(thanks.body(), thanks.body().contains("Dank u wel!"));

        HttpResponse<String> twice = postForm(token, "recommend=1&satisfied=1");
        assertEquals(409, twice.statusCode());
        assertTrue(twice.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(twice.body().contains("U hebt deze vragenlijst al ingevuld"));
        assertEquals(0.0, scores(id, null).path("overall").path("nps").asDouble(), 0.0);

        HttpResponse<String> unknown = page("/survey/" + "B".repeat(43));
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("Deze link kennen wij niet") && unknown.body().contains("We do not know this link"));
    }

    @Test
    public void anExpiredLinkGetsAFriendlyPageAndStoresNothing() throws Exception {
        String id = defineSurvey();
        HttpResponse<String> invited = invite(id, "e1", contact(), "en", ",\"validDays\":1");
        String token = json(invited).path("token").asText();
        try {
            setClockOffset(Duration.ofDays(2));
            HttpResponse<String> page = awaitHttp("/survey/" + token, null, null, 410, WAIT, body -> true, "Accept", "text/html");
            assertTrue(page.body().contains("This link has expired"));
            assertEquals(410, postForm(token, "recommend=9&satisfied=5").statusCode());
            assertEquals(410, answerOverRest(token, "{\"recommend\":9,\"satisfied\":5}").statusCode());
        } finally {
            setClockOffset(Duration.ZERO);
        }
        awaitHttp("/survey/" + token, null, null, 200, WAIT, body -> true, "Accept", "text/html");
        assertEquals(0, scores(id, null).path("overall").path("answered").asInt());
    }

    @Test
    public void soapInvitesAnswersAndScores() {
        String id = defineSurvey();
        String invite = "<inv:invite><surveyId>" + id + "</surveyId><invitation><inv:customerId>s1</inv:customerId>"
                + "<inv:contactEmail>" + contact() + "</inv:contactEmail><inv:language>en</inv:language>"
                + "<inv:subjectType>ticket</inv:subjectType><inv:subjectRef>T-1</inv:subjectRef></invitation></inv:invite>";
        HttpResponse<String> invited = soap(invite, "integration");
        assertEquals(invited.body(), 200, invited.statusCode());
        String token = invited.body().replaceAll("(?s).*<(?:\\w+:)?token>([^<]+)</(?:\\w+:)?token>.*", "$1");
        HttpResponse<String> answered = soap("<inv:submitResponse><token>" + token + "</token>"
                + "<answer><inv:question>recommend</inv:question><inv:value>6</inv:value></answer>"
                + "<answer><inv:question>satisfied</inv:question><inv:value>2</inv:value></answer></inv:submitResponse>", "integration");
        assertEquals(answered.body(), 200, answered.statusCode());
        HttpResponse<String> scores = soap("<inv:getScores><surveyId>" + id + "</surveyId></inv:getScores>", "sales");
        assertEquals(scores.body(), 200, scores.statusCode());
        assertTrue(scores.body(), scores.body().matches("(?s).*<(\\w+:)?nps>-100.0</(\\w+:)?nps>.*"));
        HttpResponse<String> fault = soap("<inv:submitResponse><token>" + token + "</token></inv:submitResponse>", "integration");
        // A fault carries the problem's status: answering twice is a conflict, as over REST.
        assertSoapFault(fault, 409);
        assertTrue(fault.body(), fault.body().contains("already been answered"));
    }

    @Test
    public void groupedScoresArePagedWithTheCursorAndEveryGroupComesExactlyOnce() {
        String id = defineSurvey();
        String answeredAt = Instant.now().minus(Duration.ofDays(1)).toString();
        List<String> customers = new ArrayList<>();
        StringBuilder history = new StringBuilder("{\"responses\":[");
        for (int i = 0; i < 7; i++) {
            customers.add("c-page-" + i);
            history.append(i == 0 ? "" : ",").append(imported("page-" + i, "c-page-" + i, answeredAt, i));
        }
        expect(200, send("POST", SURVEYS + "/" + id + "/responses/import", "deskadmin", "deskadmin", history + "]}"));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = expect(200, get(scoresPath(id, "customer") + "&limit=3"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), "sales", "sales"));
            assertTrue(page.toString(), page.path("groups").size() <= 3);
            assertEquals(7, page.path("overall").path("answered").asInt());
            page.path("groups").forEach(g -> seen.add(g.path("key").asText()));
            cursor = page.hasNonNull("next") ? page.path("next").asText() : null;
            assertTrue("more pages than groups", ++pages <= customers.size());
        } while (cursor != null);
        assertEquals(customers, seen);
        assertEquals(3, pages);

        String first = json(get(scoresPath(id, "customer") + "&limit=1", "sales", "sales")).path("next").asText();
        assertProblem(get(scoresPath(id, "day") + "&cursor=" + URLEncoder.encode(first, StandardCharsets.UTF_8), "sales", "sales"), 400);
        assertProblem(get(scoresPath(id, "customer") + "&limit=1001", "sales", "sales"), 400);
        HttpResponse<String> soapPage = soap("<inv:getScores><surveyId>" + id + "</surveyId><groupBy>customer</groupBy>"
                + "<limit>3</limit><cursor>" + first + "</cursor></inv:getScores>", "sales");
        assertEquals(soapPage.body(), 200, soapPage.statusCode());
        assertTrue(soapPage.body(), soapPage.body().contains(">c-page-1<") && soapPage.body().contains(">c-page-3<")
                && !soapPage.body().contains(">c-page-0<") && !soapPage.body().contains(">c-page-4<"));
        assertTrue(soapPage.body(), soapPage.body().matches("(?s).*<(\\w+:)?next>[^<]+</(\\w+:)?next>.*"));
    }

    @Test
    public void scoreRequestsBeyondTheLimitGet503WithRetryAfterAndNothingElse() throws Exception {
        String id = defineSurvey();
        expect(200, send("POST", SURVEYS + "/" + id + "/responses/import", "deskadmin", "deskadmin", "{\"responses\":["
                + imported("busy-1", "c-busy-1", Instant.now().minus(Duration.ofDays(1)).toString(), 9) + "]}"));
        ServiceReference<ReportGate> ref = bundleContext.getServiceReference(ReportGate.class);
        ReportGate gate = bundleContext.getService(ref);
        List<ReportGate.Permit> held = new ArrayList<>();
        try {
            // Every permit taken, as long reports would hold them; the shipped limit is small.
            try {
                while (held.size() < 100) {
                    held.add(gate.enter(ReportKind.SCORES));
                }
            } catch (RuntimeException full) {
                // the limit is reached
            }
            assertTrue("a limit below 100", !held.isEmpty() && held.size() < 100);
            HttpResponse<String> busy = get(scoresPath(id, "customer"), "sales", "sales");
            assertProblem(busy, 503);
            // about as long as a score request has lately taken here: a second or two
            int retryAfter = Integer.parseInt(busy.headers().firstValue("Retry-After").orElse("0"));
            assertTrue("Retry-After " + retryAfter, retryAfter >= 1 && retryAfter <= 60);
            assertSoapFault(soap("<inv:getScores><surveyId>" + id + "</surveyId><groupBy>customer</groupBy></inv:getScores>",
                    "sales"), 503);
            // Another kind has limits of its own.
            HttpResponse<String> export = send("GET", SURVEYS + "/" + id + "/responses.csv", "sales", "sales", null,
                    "Accept", "text/csv");
            assertEquals(export.body(), 200, export.statusCode());
        } finally {
            held.forEach(ReportGate.Permit::close);
            bundleContext.ungetService(ref);
        }
        expect(200, get(scoresPath(id, "customer"), "sales", "sales"));

        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    start.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    return get(scoresPath(id, "customer"), "sales", "sales");
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> r = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                if (r.statusCode() == 503) {
                    assertProblem(r, 503);
                    assertTrue(r.headers().firstValue("Retry-After").isPresent());
                } else {
                    assertEquals(r.body(), 200, r.statusCode());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String scoresPath(String surveyId, String groupBy) {
        Instant now = Instant.now();
        return SURVEYS + "/" + surveyId + "/scores?from=" + now.minus(Duration.ofDays(3)) + "&to=" + now.plus(Duration.ofDays(3))
                + "&groupBy=" + groupBy;
    }

    private HttpResponse<String> soap(String body, String user) {
        return soap("/soap/surveys", "inv", "urn:omotenashi:survey:1", user, user, body);
    }

    @Test
    public void theShellListsSurveysAndShowsScores() throws Exception {
        String id = defineSurvey();
        answerOverRest(token(id, "sh1", "en"), "{\"recommend\":10,\"satisfied\":5}");
        String list = executeShell("survey:list", "service");
        assertTrue(list, list.contains(id));
        String scores = executeShell("survey:scores " + id, "sales");
        assertTrue(scores, scores.contains("100.0"));
    }

    @Test
    public void answersSurviveAModuleRestartAndABundleUpdate() throws Exception {
        String id = defineSurvey();
        answerOverRest(token(id, "u1", "en"), "{\"recommend\":9,\"satisfied\":5}");
        String pending = token(id, "u2", "en");
        Bundle impl = null;
        for (Bundle b : bundleContext.getBundles()) {
            if ("org.omotenashi.omotenashi-survey-impl".equals(b.getSymbolicName())) {
                impl = b;
            }
        }
        assertNotNull("the survey-impl bundle is installed", impl);
        impl.stop();
        impl.start();
        awaitHttp(SURVEYS + "/" + id, "sales", "sales", 200, READY);
        assertEquals(1, scores(id, null).path("overall").path("answered").asInt());

        // As the assembly's admin: bundle:update needs the manager role too (Karaf's bundle ACL).
        executeShell("bundle:update " + impl.getBundleId(), "admin", "manager");
        awaitHttp(SURVEYS + "/" + id, "sales", "sales", 200, READY);
        assertEquals(1, scores(id, null).path("overall").path("answered").asInt());
        // A link sent before the update still works, once.
        assertEquals(201, answerOverRest(pending, "{\"recommend\":10,\"satisfied\":4}").statusCode());
        assertEquals(100.0, scores(id, null).path("overall").path("nps").asDouble(), 0.0);
    }
}
