package org.omotenashi.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The guest's journey under load: how long a reaction trails the change it reacts to through the durable event
 * log, and how fast a long customer timeline answers its first page.
 */
final class JourneyScenarios {
    private static final String RULE_NAME = "Bench: event lag";

    private final Api sales;
    private final Api admin;
    private final Api integration;
    private final int threads;

    JourneyScenarios(Api sales, Api admin, Api integration, int threads) {
        this.sales = sales;
        this.admin = admin;
        this.integration = integration;
        this.threads = threads;
    }

    /** What the event lag run measured: the creates, and the lag of the sampled reactions. */
    record LagRun(Figures creates, int samples, int missing, double p50Millis, double p99Millis, double maxMillis) {
        @Override
        public String toString() {
            return creates + String.format("%n%-28s %8d samples %5d missing   p50 %7.1f ms   p99 %7.1f ms   max %7.1f ms",
                    "event lag (commit to rule)", samples, missing, p50Millis, p99Millis, maxMillis);
        }
    }

    /**
     * Creates promises as the promise scenario does, every tenth for a customer of its own that an escalation rule
     * on {@code omotenashi/promise/CREATED} reacts to (RAISE only: an escalation, no outbox rows). The lag of a
     * sample is the escalation's opening minus the promise's making, both by the server's clock: from just before
     * the promise's transaction to the rules' reaction, through the relay and the rules' consumer.
     */
    LagRun eventLag(int requests) throws Exception {
        cleanUp();
        String run = Long.toString(System.currentTimeMillis(), 36);
        JsonNode rule = admin.postJson("/api/v1/escalation/rules", "{\"name\":\"" + RULE_NAME + "\","
                + "\"trigger\":\"omotenashi/promise/CREATED\",\"condition\":\"customerId =^ 'lag-" + run + "-'\","
                + "\"actions\":[{\"type\":\"RAISE\"}]}");
        try {
            Instant due = Instant.now().plus(Duration.ofDays(400));
            Figures creates = LoadRun.run("POST /promises (with events)", requests, threads, 201,
                    i -> sales.post("/api/v1/promises", PromiseScenarios.promiseJson(customer(run, i), null, due)));
            List<String> samples = new ArrayList<>();
            for (int i = 0; i < requests; i += 10) {
                samples.add(customer(run, i));
            }
            awaitReaction(samples.get(samples.size() - 1));
            List<Double> lags = new ArrayList<>();
            int missing = 0;
            for (String customer : samples) {
                JsonNode items = sales.getJson("/api/v1/customers/" + customer
                        + "/timeline?types=promise.made,escalation.opened").get("items");
                Instant made = null;
                Instant reacted = null;
                for (JsonNode entry : items) {
                    Instant at = Instant.parse(entry.get("at").asText());
                    if (entry.get("type").asText().equals("promise.made")) {
                        made = at;
                    } else {
                        reacted = at;
                    }
                }
                if (made == null || reacted == null) {
                    missing++;
                } else {
                    lags.add((double) Duration.between(made, reacted).toMillis());
                }
            }
            double[] sorted = lags.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new LagRun(creates, sorted.length, missing, percentile(sorted, 0.50), percentile(sorted, 0.99),
                    sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
        } finally {
            admin.delete("/api/v1/escalation/rules/" + rule.get("id").asText());
        }
    }

    private static String customer(String run, int i) {
        return i % 10 == 0 ? "lag-" + run + "-" + i : "bench-" + (i % 1000);
    }

    /** Waits (at most two minutes) until the rules have reacted to the last sample. */
    private void awaitReaction(String customer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode items = sales.getJson("/api/v1/customers/" + customer + "/timeline?types=escalation.opened").get("items");
            if (items.size() > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the rules did not react to " + customer + " within two minutes");
    }

    /** Removes rules an interrupted earlier run left behind. */
    private void cleanUp() throws Exception {
        for (JsonNode rule : admin.getJson("/api/v1/escalation/rules")) {
            if (RULE_NAME.equals(rule.path("name").asText())) {
                admin.delete("/api/v1/escalation/rules/" + rule.get("id").asText());
            }
        }
    }

    /**
     * Gives one customer {@code entries} timeline entries (promises imported for it, one entry each) unless it has
     * them already, then times the first page of its timeline.
     */
    Figures longTimeline(int entries, int requests) throws Exception {
        String customer = "timeline-" + entries;
        JsonNode first = sales.getJson("/api/v1/customers/" + customer + "/timeline?types=promise&limit=200");
        int have = countEntries(customer, first, entries);
        if (have < entries) {
            Instant now = Instant.now();
            int batch = 3000;
            for (int done = have; done < entries; done += batch) {
                int size = Math.min(batch, entries - done);
                StringBuilder body = new StringBuilder("{\"promises\":[");
                for (int i = 0; i < size; i++) {
                    body.append(i == 0 ? "" : ",").append(PromiseScenarios.promiseJson(customer,
                            now.minus(Duration.ofMinutes(entries - done - i)), now.plus(Duration.ofDays(30))));
                }
                integration.postJson("/api/v1/promises/import", body.append("]}").toString());
            }
            System.out.printf("gave %s %d timeline entries%n", customer, entries);
        }
        for (int i = 0; i < 50; i++) {
            sales.get("/api/v1/customers/" + customer + "/timeline");
        }
        return LoadRun.run("timeline, first page of " + entries, requests, threads, 200,
                i -> sales.get("/api/v1/customers/" + customer + "/timeline"));
    }

    /** How many entries the customer has, counted page by page up to {@code enough}. */
    private int countEntries(String customer, JsonNode page, int enough) throws Exception {
        int count = page.get("items").size();
        while (page.hasNonNull("next") && count < enough) {
            page = sales.getJson("/api/v1/customers/" + customer + "/timeline?types=promise&limit=200&cursor="
                    + page.get("next").asText());
            count += page.get("items").size();
        }
        return count;
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

}
