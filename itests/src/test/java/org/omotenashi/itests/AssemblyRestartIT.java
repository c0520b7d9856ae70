package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The distribution as an operator runs it: unpacked, started with bin/karaf, stopped with bin/stop,
 * started again. Every module's data must survive (promises, a submitted handover, a survey answer,
 * a webhook waiting in the escalation outbox). The stop comes during a burst of writes: every answer
 * that said "nothing was changed" must be true, every 201 stored, and every answer the suite's own up to the moment
 * the web server closes its port (refused or closed connections after that). While it starts again, readiness
 * says 503 until every module answers, and no answer under /api is anybody's but the suite's once the
 * suite has answered at all. The first start finds every schema migrated already, in the copy of the database the
 * distribution ships. Start time and memory are printed, not asserted.
 */
public class AssemblyRestartIT {
    private static final ObjectMapper JSON = OmotenashiTestSupport.JSON;
    private static final Duration START_TIMEOUT = AssemblyProcess.START_TIMEOUT;

    private AssemblyProcess karaf;
    private HttpCalls http;

    @Before
    public void unpack() throws Exception {
        karaf = new AssemblyProcess("restart-it");
        http = karaf.http();
        // Escalation webhooks to a receiver on this machine, retried every second or two.
        karaf.write("etc/org.omotenashi.escalation.cfg", "allowLocalWebhookTargets = true\nretryBase = PT1S\nretryCap = PT2S\n");
    }

    @After
    public void stop() {
        karaf.close();
    }

    @Test
    public void everyModulesDataSurvivesARestartOfTheDistribution() throws Exception {
        double coldStart = start();
        String firstStart = karaf.log();
        assertTrue("a new installation's database starts as a copy of the one the distribution ships",
                firstStart.contains("New database ") && firstStart.contains(" made as a copy of "));
        Matcher migrated = Pattern.compile("Schema \\S+ migrated in \\d+ ms").matcher(firstStart);
        boolean anyMigrated = migrated.find();
        assertFalse("so its first start migrates no schema: " + (anyMigrated ? migrated.group() : ""), anyMigrated);
        String open = create("c-restart");
        String kept = create("c-restart");
        assertEquals(200, http.send("POST", "/api/v1/promises/" + kept + "/keep", "service", "service", "{}").statusCode());
        int hookPort = OmotenashiTestSupport.freePort();
        String pendingWebhook = escalationWebhookWaitingFor(hookPort);
        String handover = submittedHandover();
        String survey = surveyWithOnePromoter();
        long rss = karaf.residentKiB();
        List<WriteLedger.Answer> burst;
        Map<String, Integer> unanswered;
        try (WriteLedger writers = new WriteLedger(http, 8)) {
            writers.awaitAnswers(201, 50, Duration.ofSeconds(60));
            shutdown();
            writers.close();
            burst = writers.answers();
            unanswered = writers.unanswered();
        }
        // EventAdmin, stopped with deliveries of the burst's events still under way, once said so into the console
        assertEquals("a stop during a burst prints nothing into the console", List.of(), karaf.printedOnConsole());

        double warmStart;
        try (ReadinessWatch watch = new ReadinessWatch(http)) {
            warmStart = karaf.start(AssemblyProcess.READY, null);
            watch.assertReadyOnlyOnceEveryModuleAnswers();
        }
        assertTrue("the restart maps the class archive: " + karaf.classArchiveFiles(),
                karaf.usesClassArchive());
        everyAnswerOfTheBurstWasTrue(burst, unanswered);
        JsonNode reopened = JSON.readTree(http.send("GET", "/api/v1/promises/" + open, "sales", "sales", null).body());
        JsonNode stillKept = JSON.readTree(http.send("GET", "/api/v1/promises/" + kept, "sales", "sales", null).body());
        assertEquals("OPEN", reopened.get("status").asText());
        assertEquals("KEPT", stillKept.get("status").asText());
        assertEquals(2, stillKept.get("version").asInt());
        receiverGetsItOnceAfterTheRestart(hookPort, pendingWebhook);
        JsonNode stillSubmitted = JSON.readTree(http.await("/api/v1/handovers/" + handover, "service", "service", 200,
                START_TIMEOUT, body -> true).body());
        assertEquals("SUBMITTED", stillSubmitted.get("status").asText());
        JsonNode scores = JSON.readTree(http.await("/api/v1/surveys/" + survey + "/scores?from="
                + Instant.now().minus(Duration.ofDays(1)) + "&to=" + Instant.now().plus(Duration.ofDays(1)),
                "sales", "sales", 200, START_TIMEOUT, body -> true).body()).path("overall");
        assertEquals(1, scores.path("answered").asInt());
        assertEquals(100.0, scores.path("nps").asDouble(), 0.0);
        System.out.printf("distribution: cold start to REST answering %.1f s, restart %.1f s, resident memory %d MiB%n",
                coldStart, warmStart, rss / 1024);
        shutdown();
    }

    /**
     * A 201 is stored; a 503 that said nothing was changed changed nothing; every answer is the suite's own, to the
     * very end of the stop: a page of the web server's own (its 404 once the suite's servlets are gone) fails. A
     * refused or closed connection claims nothing and is allowed.
     */
    private void everyAnswerOfTheBurstWasTrue(List<WriteLedger.Answer> burst, Map<String, Integer> unanswered)
            throws Exception {
        long nothingChanged = 0;
        for (WriteLedger.Answer answer : burst) {
            if (answer.status() == 201) {
                assertTrue("a 201 of the burst is stored: " + answer, WriteLedger.stored(http, answer.customer()));
            } else if (answer.saysNothingChanged()) {
                nothingChanged++;
                assertFalse("a 503 during the stop said nothing was changed, and nothing was: " + answer,
                        WriteLedger.stored(http, answer.customer()));
            } else {
                assertTrue("during a stop every answer is the suite's own problem+json (not a page of the web server's"
                        + " own), and a write is stored, refused with 503, or its outcome is unknown: " + answer,
                        answer.status() == 500 && "urn:omotenashi:problem:outcome-unknown".equals(answer.type()));
            }
        }
        System.out.printf("stop during a write burst: %d answers, %d refused as unchanged (true for each),"
                + " calls without an answer (connection refused or closed): %s%n", burst.size(), nothingChanged,
                unanswered);
    }

    private String submittedHandover() throws Exception {
        http.await("/api/v1/handovers?limit=1", "sales", "sales", 200, START_TIMEOUT, body -> true);
        HttpResponse<String> created = http.send("POST", "/api/v1/handovers", "sales", "sales",
                HandoverIT.completeHandover("DEAL-restart-" + System.nanoTime(), "c-restart"));
        assertEquals(created.body(), 201, created.statusCode());
        String id = JSON.readTree(created.body()).get("id").asText();
        assertEquals(200, http.send("POST", "/api/v1/handovers/" + id + "/submit", "sales", "sales", "{}").statusCode());
        return id;
    }

    /** A survey answered once with a 10: after the restart its NPS is exactly 100. */
    private String surveyWithOnePromoter() throws Exception {
        http.await("/api/v1/surveys", "deskadmin", "deskadmin", 200, START_TIMEOUT, body -> true);
        HttpResponse<String> survey = http.send("POST", "/api/v1/surveys", "deskadmin", "deskadmin",
                "{\"name\":\"Restart\",\"questions\":[{\"key\":\"recommend\",\"type\":\"NPS\","
                        + "\"textNl\":\"Aanbevelen?\",\"textEn\":\"Recommend?\"}]}");
        assertEquals(survey.body(), 201, survey.statusCode());
        String id = JSON.readTree(survey.body()).get("id").asText();
        HttpResponse<String> invitation = http.send("POST", "/api/v1/surveys/" + id + "/invitations", "service", "service",
                "{\"customerId\":\"c-restart\",\"contactEmail\":\"guest-" + System.nanoTime()
                        + "@example.org\",\"language\":\"en\",\"subject\":{\"type\":\"promise\",\"ref\":\"p-1\"}}");
        assertEquals(invitation.body(), 201, invitation.statusCode());
        String token = JSON.readTree(invitation.body()).get("token").asText();
        assertEquals(201, http.send("POST", "/api/v1/responses/" + token, null, null,
                "{\"answers\":{\"recommend\":10}}").statusCode());
        return id;
    }

    private String create(String customer) throws Exception {
        HttpResponse<String> created = http.send("POST", "/api/v1/promises", "sales", "sales",
                PromisesApiIT.promiseJson(customer, Instant.now().plus(Duration.ofDays(2))));
        assertEquals(created.body(), 201, created.statusCode());
        return JSON.readTree(created.body()).get("id").asText();
    }

    /** A cancelled promise escalates to a webhook whose receiver is down: the delivery waits in the outbox. */
    private String escalationWebhookWaitingFor(int port) throws Exception {
        http.await("/api/v1/escalation/rules", "deskadmin", "deskadmin", 200, START_TIMEOUT, body -> true);
        HttpResponse<String> rule = http.send("POST", "/api/v1/escalation/rules", "deskadmin", "deskadmin",
                "{\"name\":\"Cancelled\",\"trigger\":\"omotenashi/promise/CANCELLED\",\"actions\":[{\"type\":\"WEBHOOK\","
                        + "\"url\":\"http://127.0.0.1:" + port + "/hook\"}]}");
        assertEquals(rule.body(), 201, rule.statusCode());
        String cancelled = create("c-restart");
        assertEquals(200, http.send("POST", "/api/v1/promises/" + cancelled + "/cancel", "sales", "sales",
                "{\"reason\":\"customer withdrew\"}").statusCode());
        HttpResponse<String> pending = http.await("/api/v1/escalation/deliveries?status=PENDING", "deskadmin", "deskadmin",
                200, START_TIMEOUT, body -> body.contains("127.0.0.1:" + port) && !body.contains("\"attempts\":0"));
        return JSON.readTree(pending.body()).get("items").get(0).get("id").asText();
    }

    private void receiverGetsItOnceAfterTheRestart(int port, String deliveryId) throws Exception {
        List<String> ids = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", port), 0);
        receiver.createContext("/", exchange -> {
            ids.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            http.await("/api/v1/escalation/deliveries?status=DELIVERED", "deskadmin", "deskadmin", 200, START_TIMEOUT,
                    body -> body.contains(deliveryId));
            // The outbox runs once more, after any run in progress: had it anything left to send again, it would now.
            HttpResponse<String> run = http.send("POST", "/api/v1/escalation/deliveries/run", "deskadmin", "deskadmin", "{}");
            assertEquals(run.body(), 200, run.statusCode());
            assertEquals(run.body(), 0, JSON.readTree(run.body()).get("attempted").asInt());
            assertEquals(List.of(deliveryId), ids);
        } finally {
            receiver.stop(0);
        }
    }

    private double start() throws Exception {
        return karaf.start(AssemblyProcess.READY, null);
    }

    private void shutdown() throws Exception {
        karaf.shutdown();
    }
}
