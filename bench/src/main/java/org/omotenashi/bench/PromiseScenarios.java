package org.omotenashi.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The promise tracker under load: create, get, and the sweep over a large number of open promises. */
final class PromiseScenarios {
    private final Api api;
    private final int threads;

    PromiseScenarios(Api api, int threads) {
        this.api = api;
        this.threads = threads;
    }

    static String promiseJson(String customer, Instant madeAt, Instant dueAt) {
        return "{\"customerId\":\"" + customer + "\",\"customerName\":\"Bench customer\","
                + "\"description\":\"Replace the filters of air handling unit 3\",\"promisedBy\":\"bench\","
                + "\"owner\":\"team-bench\",\"channel\":\"FM_SYSTEM\","
                + (madeAt == null ? "" : "\"madeAt\":\"" + madeAt + "\",")
                + "\"dueAt\":\"" + dueAt + "\"}";
    }

    /** Each create is its own durable transaction. */
    Figures create(int requests) throws Exception {
        Instant due = Instant.now().plus(Duration.ofDays(400));
        return LoadRun.run("POST /promises", requests, threads, 201,
                i -> api.post("/api/v1/promises", promiseJson("bench-" + (i % 1000), null, due)));
    }

    Figures get(int requests) throws Exception {
        List<String> ids = new ArrayList<>();
        Instant due = Instant.now().plus(Duration.ofDays(400));
        for (int i = 0; i < 200; i++) {
            ids.add(api.postJson("/api/v1/promises", promiseJson("bench-get", null, due)).get("id").asText());
        }
        return LoadRun.run("GET /promises/{id}", requests, threads, 200,
                i -> api.get("/api/v1/promises/" + ids.get(i % ids.size())));
    }

    /**
     * Loads promises until {@code open} are open (far from due) and {@code overdue} have just passed their due date,
     * then times one sweep through the admin endpoint. Returns the server-side milliseconds.
     */
    JsonNode sweep(Api admin, int open, int overdue) throws Exception {
        int existing = openCount(api);
        Instant now = Instant.now();
        long loadStarted = System.nanoTime();
        importPromises(Math.max(0, open - existing), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
        importPromises(overdue, now.minus(Duration.ofDays(2)), now.minus(Duration.ofMinutes(1)));
        System.out.printf("loaded %d open and %d overdue promises in %.1f s%n", Math.max(0, open - existing), overdue,
                (System.nanoTime() - loadStarted) / 1e9);
        return admin.postJson("/api/v1/promises/sweep", "{}");
    }

    /** Open promises on the server now, so a rerun imports only what is missing. */
    static int openCount(Api api) throws Exception {
        JsonNode stats = Api.JSON.readTree(
                api.get("/api/v1/promises/stats?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z").body());
        return stats.path("overall").path("open").asInt();
    }

    /** Imports {@code count} promises in batches of 3000, due one second apart (wrapping daily) from {@code dueFrom}. */
    void importPromises(int count, Instant madeAt, Instant dueFrom) throws Exception {
        // About 290 bytes a promise: 3000 stay under the server's 1 MiB body limit (5000 were refused with 413).
        int batch = 3000;
        for (int done = 0; done < count; done += batch) {
            int size = Math.min(batch, count - done);
            StringBuilder body = new StringBuilder("{\"promises\":[");
            for (int i = 0; i < size; i++) {
                if (i > 0) {
                    body.append(',');
                }
                Instant due = dueFrom.plusSeconds((done + i) % 86_400);
                body.append(promiseJson("bulk-" + ((done + i) % 50_000), madeAt, due));
            }
            body.append("]}");
            api.postJson("/api/v1/promises/import", body.toString());
        }
    }
}
