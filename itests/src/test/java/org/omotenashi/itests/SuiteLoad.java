package org.omotenashi.itests;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writers and readers against the suite's modules over HTTP, as integrators would: each call counts as
 * served or failed per module. Which modules get the load can change while it runs (the one being
 * swapped is left out).
 */
final class SuiteLoad implements AutoCloseable {
    /** The gap between two calls of one background caller. */
    private static final Duration PACE = Duration.ofMillis(50);
    static final List<String> MODULES = List.of("promises", "handover", "survey", "escalation");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpCalls http;
    private final String surveyId;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads;
    private volatile List<String> targets = MODULES;
    private final Map<String, AtomicLong> served = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    /** Creates what the writers need (a survey), then starts the threads. */
    SuiteLoad(HttpCalls http, int writers, int readers) throws Exception {
        this.http = http;
        HttpResponse<String> survey = http.send("POST", "/api/v1/surveys", "deskadmin", "deskadmin",
                "{\"name\":\"Load\",\"questions\":[{\"key\":\"recommend\",\"type\":\"NPS\",\"textNl\":\"Aanbevelen?\","
                        + "\"textEn\":\"Recommend?\"}]}");
        expect(201, survey);
        surveyId = JSON.readTree(survey.body()).get("id").asText();
        threads = Executors.newFixedThreadPool(writers + readers);
        for (int i = 0; i < writers; i++) {
            int offset = i;
            threads.execute(() -> loop(offset, true));
        }
        for (int i = 0; i < readers; i++) {
            int offset = i;
            threads.execute(() -> loop(offset, false));
        }
    }

    /** From now on the load goes to these modules only. */
    void target(Set<String> modules) {
        targets = MODULES.stream().filter(modules::contains).toList();
    }

    long served(String module) {
        return served.computeIfAbsent(module, m -> new AtomicLong()).get();
    }

    long failed(String module) {
        return failed.computeIfAbsent(module, m -> new AtomicLong()).get();
    }

    Map<String, String> failures() {
        return failures;
    }

    private void loop(int offset, boolean write) {
        for (long i = offset; running.get(); i++) {
            List<String> now = targets;
            if (now.isEmpty()) {
                OmotenashiTestSupport.pace(PACE);
                continue;
            }
            String module = now.get((int) (i % now.size()));
            inFlight.incrementAndGet();
            try {
                HttpResponse<String> answer = write ? write(module) : read(module);
                int expected = write ? 201 : 200;
                if (answer.statusCode() == expected) {
                    served.computeIfAbsent(module, m -> new AtomicLong()).incrementAndGet();
                } else {
                    fail(module, answer.statusCode() + " " + answer.body());
                }
            } catch (RuntimeException e) {
                fail(module, e.toString());
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    /** Waits (bounded) until no call is under way; call after {@code target(Set.of())}. */
    void awaitIdle() throws InterruptedException {
        OmotenashiTestSupport.await("no call under way", Duration.ofSeconds(60), inFlight::get, calls -> calls == 0);
    }

    private void fail(String module, String what) {
        // A module that was taken out of the load while the call was under way does not count.
        if (targets.contains(module)) {
            failed.computeIfAbsent(module, m -> new AtomicLong()).incrementAndGet();
            failures.putIfAbsent(module, what);
        }
    }

    private HttpResponse<String> write(String module) {
        String unique = UUID.randomUUID().toString();
        return switch (module) {
            case "promises" -> http.send("POST", "/api/v1/promises", "sales", "sales",
                    PromisesApiIT.promiseJson("c-load-" + unique, Instant.now().plus(Duration.ofDays(3))));
            case "handover" -> http.send("POST", "/api/v1/handovers", "sales", "sales",
                    HandoverIT.completeHandover("D-load-" + unique, "c-load-" + unique));
            case "survey" -> http.send("POST", "/api/v1/surveys/" + surveyId + "/invitations", "service", "service",
                    "{\"customerId\":\"c-load-" + unique + "\",\"contactEmail\":\"" + unique + "@example.org\","
                            + "\"language\":\"en\",\"subject\":{\"type\":\"ticket\",\"ref\":\"FM-" + unique + "\"}}");
            default -> ruleWrittenAndRemoved(unique);
        };
    }

    /** Escalation's write: a rule is stored and removed again, so the rules the suite evaluates stay few. */
    private HttpResponse<String> ruleWrittenAndRemoved(String unique) {
        HttpResponse<String> created = http.send("POST", "/api/v1/escalation/rules", "deskadmin", "deskadmin",
                "{\"name\":\"Load " + unique + "\",\"trigger\":\"omotenashi/fm/NEVER_" + unique.replace("-", "")
                        + "\",\"actions\":[{\"type\":\"RAISE\"}]}");
        if (created.statusCode() != 201) {
            return created;
        }
        try {
            String id = JSON.readTree(created.body()).get("id").asText();
            HttpResponse<String> removed = http.send("DELETE", "/api/v1/escalation/rules/" + id, "deskadmin", "deskadmin", null);
            return removed.statusCode() == 204 ? created : removed;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<String> read(String module) {
        return switch (module) {
            case "promises" -> http.send("GET", "/api/v1/promises?limit=5", "sales", "sales", null);
            case "handover" -> http.send("GET", "/api/v1/handovers?limit=5", "sales", "sales", null);
            case "survey" -> http.send("GET", "/api/v1/surveys/" + surveyId, "sales", "sales", null);
            default -> http.send("GET", "/api/v1/escalations?status=OPEN&limit=5", "service", "service", null);
        };
    }

    private static void expect(int status, HttpResponse<String> answer) {
        if (answer.statusCode() != status) {
            throw new AssertionError("expected " + status + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        threads.shutdown();
        if (!threads.awaitTermination(60, TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
    }
}
