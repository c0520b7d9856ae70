package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * A long history and a crowd of readers, on the distribution as shipped (bin/setenv: a 200 MiB heap, and the JVM
 * ends itself on an OutOfMemoryError): 1,000,000 promises and 1,000,000 survey answers, then 8 concurrent copies of
 * every list, export, statistics and score request (each grouping, REST and SOAP) all at once. The process lives,
 * every answer is a 200 or a 503 (that kind of report is busy: try again), and each request is answered with a 200 by
 * one of its copies or, when all of them met a busy kind, when it is asked again alone: each is really computed over
 * the whole history.
 * Loading a million of each through the imports takes longer than the whole CI budget on two cores, so the test runs
 * when asked: {@code -Domotenashi.itest.memory=true}; {@code -Domotenashi.itest.memory.rows=N} loads N of each.
 */
public class MemoryBoundsIT {
    private static final int ROWS = Integer.getInteger("omotenashi.itest.memory.rows", 1_000_000);
    private static final int CUSTOMERS = 20_000;
    private static final int COPIES = 8;
    /** About 290 bytes a promise and 200 an answer: both batches stay under the 1 MiB body limit. */
    private static final int PROMISE_BATCH = 3_000;
    private static final int ANSWER_BATCH = 5_000;
    private static final Duration LOAD_BOUND = Duration.ofMinutes(12);
    private static final Duration CROWD_BOUND = Duration.ofMinutes(6);
    private static final ObjectMapper JSON = new ObjectMapper();

    private AssemblyProcess distribution;
    private HttpCalls http;
    private long javaPid;

    @Before
    public void shippedDistribution() throws Exception {
        assumeTrue("runs with -Domotenashi.itest.memory=true", Boolean.getBoolean("omotenashi.itest.memory"));
        distribution = new AssemblyProcess("memory-it");
        distribution.start(AssemblyProcess.READY, null);
        javaPid = distribution.java().orElseThrow().pid();
        String flags = distribution.jcmd("VM.flags");
        assertTrue("the heap bin/setenv ships: " + flags, flags.contains("-XX:MaxHeapSize=209715200"));
        assertTrue(flags, flags.contains("-XX:+ExitOnOutOfMemoryError"));
        http = new HttpCalls(distribution.baseUrl(), CROWD_BOUND);
    }

    @After
    public void stop() throws Exception {
        if (distribution != null) {
            distribution.close();
        }
    }

    @Test
    public void everyListExportStatisticAndScoreStaysWithinTheShippedHeap() throws Exception {
        String survey = JSON.readTree(http.send("POST", "/api/v1/surveys", "deskadmin", "deskadmin", "{\"name\":\"A year\","
                + "\"questions\":[{\"key\":\"recommend\",\"type\":\"NPS\",\"textNl\":\"Aanbevelen?\",\"textEn\":\"Recommend?\"},"
                + "{\"key\":\"satisfied\",\"type\":\"CSAT\",\"textNl\":\"Tevreden?\",\"textEn\":\"Satisfied?\"},"
                + "{\"key\":\"effort\",\"type\":\"CES\",\"textNl\":\"Moeite?\",\"textEn\":\"Effort?\"}]}").body())
                .get("id").asText();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        load(survey, now);

        Map<String, Crowd> crowds = new TreeMap<>();
        List<Future<Integer>> answers = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(COPIES * 8);
        try {
            for (Map.Entry<String, IntFunction<HttpResponse<String>>> request : requests(survey, now).entrySet()) {
                Crowd crowd = new Crowd();
                crowds.put(request.getKey(), crowd);
                for (int copy = 0; copy < COPIES; copy++) {
                    int which = copy;
                    answers.add(callers.submit(() -> crowd.note(request.getValue().apply(which))));
                }
            }
            for (Future<Integer> answer : answers) {
                answer.get(CROWD_BOUND.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }

        assertTrue("the same JVM still runs", ProcessHandle.of(javaPid).map(ProcessHandle::isAlive).orElse(false));
        assertEquals(200, http.send("GET", "/api/v1/health/live", null, null, null).statusCode());
        assertFalse("no OutOfMemoryError", distribution.log().contains("OutOfMemoryError"));
        System.out.println("8 copies of each request at once over " + ROWS + " promises and answers: " + crowds);
        Map<String, IntFunction<HttpResponse<String>>> requests = requests(survey, now);
        for (Map.Entry<String, Crowd> crowd : crowds.entrySet()) {
            String what = crowd.getKey() + ": " + crowd.getValue();
            assertEquals(what, COPIES, crowd.getValue().ok + crowd.getValue().busy);
            if (crowd.getValue().ok == 0) {
                // every copy met a busy report kind (the other groupings held its permits): asked again alone, it is answered
                HttpResponse<String> alone = requests.get(crowd.getKey()).apply(0);
                assertEquals(what + "; alone: " + alone.body(), 200, alone.statusCode());
            }
        }
    }

    /** Promises and answers from three threads, each batch its own all-or-nothing import. */
    private void load(String survey, Instant now) throws Exception {
        long started = System.nanoTime();
        List<Future<?>> batches = new ArrayList<>();
        ExecutorService loaders = Executors.newFixedThreadPool(3);
        try {
            for (int from = 0; from < ROWS; from += PROMISE_BATCH) {
                int first = from;
                batches.add(loaders.submit(() -> imported("/api/v1/promises/import", "integration", promises(first, now))));
            }
            for (int from = 0; from < ROWS; from += ANSWER_BATCH) {
                int first = from;
                batches.add(loaders.submit(() -> imported("/api/v1/surveys/" + survey + "/responses/import",
                        "deskadmin", answers(first, now))));
            }
            long deadline = System.nanoTime() + LOAD_BOUND.toNanos();
            for (Future<?> batch : batches) {
                batch.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            loaders.shutdownNow();
        }
        System.out.printf("loaded %d promises and %d answers in %.0f s%n", ROWS, ROWS, (System.nanoTime() - started) / 1e9);
    }

    private Void imported(String path, String user, String body) {
        HttpResponse<String> response = http.send("POST", path, user, user, body);
        assertEquals(path + ": " + response.body(), 200, response.statusCode());
        return null;
    }

    /** Due over the year before and the month after now, for 20,000 customers and 50 owners. */
    private static String promises(int first, Instant now) {
        StringBuilder body = new StringBuilder(PROMISE_BATCH * 300).append("{\"promises\":[");
        for (int i = first; i < Math.min(ROWS, first + PROMISE_BATCH); i++) {
            Instant due = now.minus(Duration.ofDays(365)).plusSeconds(395L * 86_400 * i / ROWS);
            body.append(i == first ? "" : ",").append("{\"customerId\":\"c-").append(i % CUSTOMERS)
                    .append("\",\"customerName\":\"Customer ").append(i % CUSTOMERS)
                    .append("\",\"description\":\"Replace the filters of air handling unit ").append(i % 7)
                    .append("\",\"promisedBy\":\"sales-").append(i % 30).append("\",\"owner\":\"team-").append(i % 50)
                    .append("\",\"channel\":\"FM_SYSTEM\",\"madeAt\":\"").append(due.minus(Duration.ofDays(14)))
                    .append("\",\"dueAt\":\"").append(due).append("\"}");
        }
        return body.append("]}").toString();
    }

    /** Answered over the year before now, by the same 20,000 customers. */
    private static String answers(int first, Instant now) {
        Random random = new Random(first);
        String[] subjects = {"promise", "handover", "ticket"};
        StringBuilder body = new StringBuilder(ANSWER_BATCH * 200).append("{\"responses\":[");
        for (int i = first; i < Math.min(ROWS, first + ANSWER_BATCH); i++) {
            Instant at = now.minus(Duration.ofDays(365)).plusSeconds(364L * 86_400 * i / ROWS);
            body.append(i == first ? "" : ",").append("{\"customerId\":\"c-").append(i % CUSTOMERS)
                    .append("\",\"language\":\"nl\",\"subject\":{\"type\":\"").append(subjects[i % 3])
                    .append("\",\"ref\":\"s-").append(i).append("\"},\"answeredAt\":\"").append(at)
                    .append("\",\"answers\":{\"recommend\":").append(random.nextInt(11))
                    .append(",\"satisfied\":").append(1 + random.nextInt(5))
                    .append(",\"effort\":").append(1 + random.nextInt(7)).append("}}");
        }
        return body.append("]}").toString();
    }

    /**
     * Every request that lists, exports, counts or scores, each grouping and each filter that changes how it is
     * read, with its largest page; copy {@code n} of a per-customer request asks about its own customer.
     */
    private Map<String, IntFunction<HttpResponse<String>>> requests(String survey, Instant now) {
        String year = "from=" + now.minus(Duration.ofDays(366)) + "&to=" + now.plus(Duration.ofDays(31));
        Map<String, IntFunction<HttpResponse<String>>> requests = new TreeMap<>();
        rest(requests, "GET /promises", n -> "/api/v1/promises?limit=500");
        rest(requests, "GET /promises?status", n -> "/api/v1/promises?status=OPEN&limit=500");
        rest(requests, "GET /promises?customerId", n -> "/api/v1/promises?customerId=c-" + n + "&limit=500");
        rest(requests, "GET /promises?owner", n -> "/api/v1/promises?owner=team-" + n + "&limit=500");
        rest(requests, "GET /promises?dueAfter&dueBefore", n -> "/api/v1/promises?dueAfter=" + now.minus(Duration.ofDays(200))
                + "&dueBefore=" + now + "&limit=500");
        for (String group : new String[] {"none", "owner", "customer"}) {
            rest(requests, "GET /promises/stats?groupBy=" + group,
                    n -> "/api/v1/promises/stats?groupBy=" + group + "&limit=1000&" + year);
        }
        rest(requests, "GET /surveys", n -> "/api/v1/surveys");
        for (String group : new String[] {"none", "day", "week", "month", "customer", "subjectType"}) {
            rest(requests, "GET /surveys/{id}/scores?groupBy=" + group,
                    n -> "/api/v1/surveys/" + survey + "/scores?groupBy=" + group + "&limit=1000&" + year);
        }
        rest(requests, "GET /surveys/{id}/ambassadors", n -> "/api/v1/surveys/" + survey + "/ambassadors?limit=1000&" + year);
        rest(requests, "GET /surveys/{id}/responses.csv", n -> "/api/v1/surveys/" + survey + "/responses.csv?" + year);
        rest(requests, "GET /customers/{id}/timeline", n -> "/api/v1/customers/c-" + n + "/timeline?limit=200");
        rest(requests, "GET /customers/{id}", n -> "/api/v1/customers/c-" + n);
        rest(requests, "GET /handovers", n -> "/api/v1/handovers?limit=500");
        rest(requests, "GET /handovers/stats", n -> "/api/v1/handovers/stats");
        rest(requests, "GET /escalations", n -> "/api/v1/escalations?limit=500");
        rest(requests, "GET /escalation/rules", n -> "/api/v1/escalation/rules");
        rest(requests, "GET /escalation/deliveries", n -> "/api/v1/escalation/deliveries?limit=500");
        requests.put("POST /escalation/rules/dry-run (time trigger over every open promise)",
                n -> http.send("POST", "/api/v1/escalation/rules/dry-run", "deskadmin", "deskadmin",
                        "{\"name\":\"Everything open\",\"trigger\":{\"type\":\"TIME\",\"status\":\"OPEN\"},"
                                + "\"actions\":[{\"type\":\"NOTIFY\",\"to\":[\"desk@example.org\"]}]}"));
        soap(requests, "SOAP listPromises", "/soap/promises", "urn:omotenashi:promises:1",
                n -> "<s:listPromises><filter><limit>500</limit></filter></s:listPromises>");
        soap(requests, "SOAP getScores groupBy=customer", "/soap/surveys", "urn:omotenashi:survey:1",
                n -> "<s:getScores><surveyId>" + survey + "</surveyId><from>" + now.minus(Duration.ofDays(366)) + "</from><to>"
                        + now + "</to><groupBy>customer</groupBy><limit>1000</limit></s:getScores>");
        soap(requests, "SOAP listHandovers", "/soap/handovers", "urn:omotenashi:handovers:1",
                n -> "<s:listHandovers><filter><limit>500</limit></filter></s:listHandovers>");
        soap(requests, "SOAP listEscalations", "/soap/escalations", "urn:omotenashi:escalations:1",
                n -> "<s:listEscalations><filter><s:limit>500</s:limit></filter></s:listEscalations>");
        soap(requests, "SOAP getCustomerTimeline", "/soap/customers", "urn:omotenashi:customers:1",
                n -> "<s:getCustomerTimeline><filter><customerId>c-" + n + "</customerId><limit>200</limit></filter>"
                        + "</s:getCustomerTimeline>");
        return requests;
    }

    private void rest(Map<String, IntFunction<HttpResponse<String>>> requests, String name, IntFunction<String> path) {
        requests.put(name, n -> http.send("GET", path.apply(n), "integration", "integration", null,
                "Accept", "application/json, text/csv, application/problem+json"));
    }

    private void soap(Map<String, IntFunction<HttpResponse<String>>> requests, String name, String address, String namespace,
                      IntFunction<String> body) {
        requests.put(name, n -> http.send("POST", address, null, null,
                SoapEnvelopes.withUsernameToken("s", namespace, "integration", "integration", body.apply(n)),
                "Content-Type", "text/xml; charset=UTF-8", "SOAPAction", "\"\"", "Accept", "text/xml"));
    }

    /** How the copies of one request were answered: 200, 503 (busy, with Retry-After) or anything else. */
    private static final class Crowd {
        private int ok;
        private int busy;
        private final List<String> other = new ArrayList<>();

        synchronized int note(HttpResponse<String> response) {
            int status = response.statusCode();
            boolean soapBusy = status == 500 && response.body().contains("status=\"503\"");
            if (status == 200) {
                ok++;
            } else if ((status == 503 && response.headers().firstValue("Retry-After").isPresent()) || soapBusy) {
                busy++;
            } else {
                String body = response.body();
                other.add(status + " " + body.substring(0, Math.min(300, body.length())));
            }
            return status;
        }

        @Override
        public synchronized String toString() {
            return ok + " × 200, " + busy + " × 503" + (other.isEmpty() ? "" : ", others: " + other);
        }
    }
}
