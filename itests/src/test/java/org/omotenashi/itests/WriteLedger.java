package org.omotenashi.itests;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writers that make promises without an Idempotency-Key, each for a customer of its own, and note what
 * every answer said; afterwards the database can be asked whether each answer was true.
 */
final class WriteLedger implements AutoCloseable {
    /** The gap between two calls of one background caller. */
    private static final Duration PACE = Duration.ofMillis(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call: its customer, status, problem type and detail (if any), and how long it took. */
    record Answer(String customer, int status, String type, String detail, long millis) {
        /** A 503 whose detail says nothing was changed, at the start of its sentence or within it. */
        boolean saysNothingChanged() {
            return status == 503 && detail != null && detail.toLowerCase(Locale.ROOT).contains("nothing was changed");
        }
    }

    private final HttpCalls http;
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> others = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads;

    WriteLedger(HttpCalls http, int writers) {
        this.http = http;
        threads = Executors.newFixedThreadPool(writers);
        for (int i = 0; i < writers; i++) {
            threads.execute(this::write);
        }
    }

    private void write() {
        while (running.get()) {
            String customer = "c-ledger-" + UUID.randomUUID();
            long started = System.nanoTime();
            try {
                String body = PromisesApiIT.promiseJson(customer, Instant.now().plus(Duration.ofDays(2)));
                HttpResponse<String> r = http.send("POST", "/api/v1/promises", "sales", "sales", body);
                long millis = (System.nanoTime() - started) / 1_000_000;
                String type = null;
                String detail = null;
                if (r.statusCode() >= 400 && r.headers().firstValue("Content-Type").orElse("").contains("problem+json")) {
                    JsonNode problem = JSON.readTree(r.body());
                    type = problem.path("type").asText();
                    detail = problem.path("detail").asText();
                } else if (r.statusCode() >= 400) {
                    detail = r.body();
                }
                answers.add(new Answer(customer, r.statusCode(), type, detail, millis));
            } catch (Exception e) {
                // No answer at all (connection refused or reset): nothing is claimed, either way.
                Throwable cause = e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
                others.merge(cause.getClass().getSimpleName(), 1, Integer::sum);
                OmotenashiTestSupport.pace(PACE);
            }
        }
    }

    List<Answer> answers() {
        return new ArrayList<>(answers);
    }

    long count(int status) {
        return answers.stream().filter(a -> a.status() == status).count();
    }

    Map<String, Integer> unanswered() {
        return others;
    }

    /** Waits (bounded) until at least {@code count} answers had {@code status}; fails with how many had. */
    void awaitAnswers(int status, int count, Duration bound) throws InterruptedException {
        OmotenashiTestSupport.await(count + " answers " + status, bound, () -> count(status), n -> n >= count);
    }

    /** Whether a promise for the customer is stored. */
    static boolean stored(HttpCalls http, String customer) throws Exception {
        HttpResponse<String> r = http.send("GET", "/api/v1/promises?limit=5&customerId=" + customer, "sales", "sales", null);
        if (r.statusCode() != 200) {
            throw new AssertionError("cannot look up " + customer + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("items").size() > 0;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        threads.shutdown();
        if (!threads.awaitTermination(90, TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
    }
}
