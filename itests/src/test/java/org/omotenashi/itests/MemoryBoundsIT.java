package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * A long history and a crowd of readers, on the distribution as shipped (bin/setenv: a 200 MiB heap, and the JVM
 * ends itself on an OutOfMemoryError): promises and survey answers over a year, then 8 concurrent copies of every
 * list, export, statistics and score request (each grouping, REST and SOAP) all at once. The process lives, every
 * answer is a 200 or a 503 (that kind of report is busy: try again), and each request is answered with a 200 by one
 * of its copies or, when all of them met a busy kind, when it is asked again alone: each is really computed over
 * the whole history.
 * The history is written into the stopped distribution's database directly ({@link StoredHistory}), as the imports
 * write it, except the last few hundred of each, which go through the import endpoints; one of each kind is read back
 * and must look exactly like its imported neighbour. {@code -Domotenashi.itest.memory.rows=N} loads N of each (the
 * default suits the CI; README gives the figures and the command for a million); {@code -Domotenashi.itest.memory=false}
 * skips the test.
 */
public class MemoryBoundsIT {
    private static final int ROWS = Integer.getInteger("omotenashi.itest.memory.rows", 200_000);
    private static final int CUSTOMERS = 20_000;
    private static final int COPIES = 8;
    /** The newest of these go through the import endpoints, one batch each. */
    private static final int IMPORTED = 300;
    private static final Duration IMPORT_BOUND = Duration.ofMinutes(2);
    private static final Duration CROWD_BOUND = Duration.ofMinutes(6);
    private static final ObjectMapper JSON = new ObjectMapper();

    private AssemblyProcess distribution;
    private HttpCalls http;
    private long javaPid;

    @Before
    public void shippedDistribution() throws Exception {
        assumeTrue("skipped with -Domotenashi.itest.memory=false",
                Boolean.parseBoolean(System.getProperty("omotenashi.itest.memory", "true")));
        assertTrue("more rows than the endpoints import", ROWS > IMPORTED);
        distribution = new AssemblyProcess("memory-it");
        distribution.start(AssemblyProcess.READY, null);
        http = new HttpCalls(distribution.baseUrl(), CROWD_BOUND);
    }

    @After
    public void stop() throws Exception {
        if (distribution != null) {
            distribution.close();
            // The database is half a gigabyte at the build's size (2.5 GB at a million); the log stays for a look.
            AssemblyProcess.run(distribution.home(), "rm", "-rf", "data/omotenashi/derby");
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
        javaPid = distribution.java().orElseThrow().pid();
        String flags = distribution.jcmd("VM.flags");
        assertTrue("the heap bin/setenv ships: " + flags, flags.contains("-XX:MaxHeapSize=209715200"));
        assertTrue(flags, flags.contains("-XX:+ExitOnOutOfMemoryError"));
        sameShapeAsImported(now);

        Map<String, Crowd> crowds = new TreeMap<>();
        List<Future<Integer>> answers = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(COPIES * 8);
        long started = System.nanoTime();
        try {
            for (Map.Entry<String, IntFunction<HttpResponse<String>>> request : requests(survey, now).entrySet()) {
                Crowd crowd = new Crowd();
                crowds.put(request.getKey(), crowd);
                for (int copy = 0; copy < COPIES; copy++) {
                    int which = copy;
                    answers.add(callers.submit(() -> {
                        long asked = System.nanoTime();
                        HttpResponse<String> response = request.getValue().apply(which);
                        return crowd.note(response, System.nanoTime() - asked);
                    }));
                }
            }
            long deadline = System.nanoTime() + CROWD_BOUND.toNanos();
            for (Future<Integer> answer : answers) {
                answer.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            callers.shutdownNow();
        }
        System.out.printf("%d copies of each of %d requests at once, answered in %.0f s%n", COPIES, crowds.size(),
                (System.nanoTime() - started) / 1e9);

        assertTrue("the same JVM still runs", ProcessHandle.of(javaPid).map(ProcessHandle::isAlive).orElse(false));
        assertEquals(200, http.send("GET", "/api/v1/health/live", null, null, null).statusCode());
        assertFalse("no OutOfMemoryError", distribution.log().contains("OutOfMemoryError"));
        StringBuilder summary = new StringBuilder();
        crowds.forEach((name, crowd) -> summary.append(String.format("%n  %-70s %s", name, crowd)));
        System.out.println("over " + ROWS + " promises and answers:" + summary);
        Map<String, IntFunction<HttpResponse<String>>> requests = requests(survey, now);
        for (Map.Entry<String, Crowd> crowd : crowds.entrySet()) {
            String what = crowd.getKey() + ": " + crowd.getValue();
            assertEquals(what, COPIES, crowd.getValue().ok + crowd.getValue().busy);
            if (crowd.getValue().ok == 0) {
                // every copy met a busy report kind (the other groupings held its permits): asked again alone, it is answered
                long asked = System.nanoTime();
                HttpResponse<String> alone = requests.get(crowd.getKey()).apply(0);
                assertEquals(what + "; alone: " + alone.body(), 200, alone.statusCode());
                System.out.printf("  %-70s alone: 200 in %.1f s%n", crowd.getKey(), (System.nanoTime() - asked) / 1e9);
            }
        }
    }

    /**
     * All but the newest {@link #IMPORTED} of each written into the stopped distribution's database, then the newest
     * through the import endpoints of the distribution started again on that database.
     */
    private void load(String survey, Instant now) throws Exception {
        distribution.shutdown();
        long started = System.nanoTime();
        long files = new StoredHistory(distribution.home(), Path.of("target", "memory-it", "history"))
                .load(survey, ROWS - IMPORTED, ROWS, CUSTOMERS, now);
        double stored = (System.nanoTime() - started) / 1e9;
        long database;
        try (Stream<Path> all = Files.walk(distribution.home().resolve("data/omotenashi/derby"))) {
            database = all.mapToLong(p -> p.toFile().length()).sum();
        }
        distribution.start(AssemblyProcess.READY, null);
        imported("/api/v1/promises/import", "integration", promises(ROWS - IMPORTED, now));
        imported("/api/v1/surveys/" + survey + "/responses/import", "deskadmin", answers(ROWS - IMPORTED, now));
        System.out.printf("%d promises and %d answers stored in %.0f s (files of %d MiB, a database of %d MiB); "
                        + "the newest %d of each imported; all served %.0f s after the start of loading%n", ROWS, ROWS, stored,
                files >> 20, database >> 20, IMPORTED, (System.nanoTime() - started) / 1e9);
    }

    private Void imported(String path, String user, String body) {
        HttpResponse<String> response = new HttpCalls(distribution.baseUrl(), IMPORT_BOUND).send("POST", path, user, user, body);
        assertEquals(path + ": " + response.body(), 200, response.statusCode());
        return null;
    }

    /** Rows {@code first..ROWS-1} of the promises: due as {@link StoredHistory#due}, for 20,000 customers and 50 owners. */
    private static String promises(int first, Instant now) {
        StringBuilder body = new StringBuilder((ROWS - first) * 300).append("{\"promises\":[");
        for (int i = first; i < ROWS; i++) {
            Instant due = StoredHistory.due(i, ROWS, now);
            body.append(i == first ? "" : ",").append("{\"customerId\":\"c-").append(i % CUSTOMERS)
                    .append("\",\"customerName\":\"Customer ").append(i % CUSTOMERS)
                    .append("\",\"description\":\"Replace the filters of air handling unit ").append(i % 7)
                    .append("\",\"promisedBy\":\"sales-").append(i % 30).append("\",\"owner\":\"team-").append(i % 50)
                    .append("\",\"channel\":\"FM_SYSTEM\",\"madeAt\":\"").append(due.minus(Duration.ofDays(14)))
                    .append("\",\"dueAt\":\"").append(due).append("\"}");
        }
        return body.append("]}").toString();
    }

    /** Rows {@code first..ROWS-1} of the answers: answered as {@link StoredHistory#answered}, by the same customers. */
    private static String answers(int first, Instant now) {
        StringBuilder body = new StringBuilder((ROWS - first) * 200).append("{\"responses\":[");
        for (int i = first; i < ROWS; i++) {
            int[] scores = StoredHistory.scores(i);
            body.append(i == first ? "" : ",").append("{\"customerId\":\"c-").append(i % CUSTOMERS)
                    .append("\",\"language\":\"nl\",\"subject\":{\"type\":\"").append(StoredHistory.subject(i))
                    .append("\",\"ref\":\"s-").append(i).append("\"},\"answeredAt\":\"").append(StoredHistory.answered(i, ROWS, now))
                    .append("\",\"answers\":{\"recommend\":").append(scores[0])
                    .append(",\"satisfied\":").append(scores[1])
                    .append(",\"effort\":").append(scores[2]).append("}}");
        }
        return body.append("]}").toString();
    }

    /**
     * The newest promise and answer (imported) read back exactly like the newest written directly: the same fields,
     * the same kinds of values, the same history.
     */
    private void sameShapeAsImported(Instant now) throws Exception {
        int imported = ROWS - 1;
        int stored = ROWS - IMPORTED - 1;
        JsonNode listed = JSON.readTree(http.send("GET", "/api/v1/promises?dueAfter=" + StoredHistory.due(stored, ROWS, now)
                + "&limit=500", "integration", "integration", null).body());
        Map<Instant, String> ids = new TreeMap<>();
        for (JsonNode p : listed.get("items")) {
            ids.put(Instant.parse(p.get("dueAt").asText()), p.get("id").asText());
        }
        JsonNode importedPromise = promise(ids.get(StoredHistory.due(imported, ROWS, now).truncatedTo(ChronoUnit.MILLIS)));
        JsonNode storedPromise = promise(ids.get(StoredHistory.due(stored, ROWS, now).truncatedTo(ChronoUnit.MILLIS)));
        assertEquals(importedPromise + " / " + storedPromise, shape(importedPromise), shape(storedPromise));
        assertEquals("OPEN", storedPromise.get("status").asText());
        assertEquals(importedPromise.get("history").get(0).get("details").size(), storedPromise.get("history").get(0).get("details").size());

        JsonNode importedAnswer = answer(imported);
        JsonNode storedAnswer = answer(stored);
        assertEquals(importedAnswer + " / " + storedAnswer, shape(importedAnswer), shape(storedAnswer));
    }

    private JsonNode promise(String id) throws Exception {
        assertTrue("listed", id != null);
        return JSON.readTree(http.send("GET", "/api/v1/promises/" + id, "integration", "integration", null).body());
    }

    /** Answer {@code i} as its customer's timeline shows it. */
    private JsonNode answer(int i) throws Exception {
        JsonNode timeline = JSON.readTree(http.send("GET", "/api/v1/customers/c-" + (i % CUSTOMERS) + "/timeline?limit=200",
                "integration", "integration", null).body());
        for (JsonNode entry : timeline.get("items")) {
            if (("s-" + i).equals(entry.path("details").path("subjectRef").asText())) {
                return entry;
            }
        }
        throw new AssertionError("answer s-" + i + " on its customer's timeline: " + timeline);
    }

    /** A JSON value with every scalar replaced by its kind, and every array by the shape of its elements. */
    private static String shape(JsonNode node) {
        if (node.isObject()) {
            Map<String, String> fields = new TreeMap<>();
            node.fields().forEachRemaining(f -> fields.put(f.getKey(), shape(f.getValue())));
            return fields.toString();
        }
        if (node.isArray()) {
            Set<String> elements = new TreeSet<>();
            node.forEach(e -> elements.add(shape(e)));
            return elements.toString();
        }
        return node.getNodeType().name();
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
                n -> "<s:listHandovers><filter><s:limit>500</s:limit></filter></s:listHandovers>");
        soap(requests, "SOAP listEscalations", "/soap/escalations", "urn:omotenashi:escalations:1",
                n -> "<s:listEscalations><filter><s:limit>500</s:limit></filter></s:listEscalations>");
        soap(requests, "SOAP getCustomerTimeline", "/soap/customers", "urn:omotenashi:customers:1",
                n -> "<s:getCustomerTimeline><filter><s:customerId>c-" + n + "</s:customerId><s:limit>200</s:limit></filter>"
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
        private long slowestOk;
        private long slowest;

        synchronized int note(HttpResponse<String> response, long nanos) {
            int status = response.statusCode();
            slowest = Math.max(slowest, nanos);
            slowestOk = status == 200 ? Math.max(slowestOk, nanos) : slowestOk;
            // SOAP: a fault (HTTP 500) whose detail names 503 and when to try again
            boolean soapBusy = status == 500 && response.body().contains("status=\"503\"")
                    && response.body().contains("retryAfter=\"");
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
            return String.format("%d × 200, %d × 503; slowest answer %.1f s, slowest 200 %.1f s", ok, busy, slowest / 1e9,
                    slowestOk / 1e9) + (other.isEmpty() ? "" : ", others: " + other);
        }
    }
}
