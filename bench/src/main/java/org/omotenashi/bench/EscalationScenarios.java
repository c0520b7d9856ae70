package org.omotenashi.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The escalation rules under load: events pushed by a facility system through 100 rules, and one run of the
 * time triggers over a large number of open promises. Every rule it makes is named with {@link #PREFIX} and
 * removed afterwards (also leftovers of an interrupted run), so reruns start from the same rules.
 */
final class EscalationScenarios {
    static final String PREFIX = "bench-escalation ";
    static final String TOPIC = "omotenashi/fm/WORK_ORDER_LATE";
    /** Events whose {@code hoursLate} is this high match the one rule that fires: 1 in 48. */
    private static final int LATE_CYCLE = 48;

    private final Api admin;
    private final Api integration;
    private final int threads;

    EscalationScenarios(Api admin, Api integration, int threads) {
        this.admin = admin;
        this.integration = integration;
        this.threads = threads;
    }

    /**
     * 99 rules on {@code omotenashi/fm/*} whose conditions never hold for the pushed events (but must be
     * evaluated: equality, prefix, numeric and conjunctions over varied values) and one that holds for
     * 1 event in 48. Their only action is RAISE, so firing writes an escalation and delivers nothing.
     */
    List<String> createEventRules(int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count - 1; i++) {
            String condition = switch (i % 4) {
                case 0 -> "building == 'X-" + i + "'";
                case 1 -> "building =^ 'Y-" + i + "' && priority == 'P1'";
                case 2 -> "hoursLate > " + (1000 + i);
                default -> "workOrderType == 'type-" + i + "' || (priority == 'P0' && hoursLate > " + i + ")";
            };
            ids.add(createRule(eventRule("never " + i, condition)));
        }
        ids.add(createRule(eventRule("rare", "hoursLate >= " + (LATE_CYCLE - 1) + " && priority =^ 'P'")));
        return ids;
    }

    private static String eventRule(String name, String condition) {
        return "{\"name\":\"" + PREFIX + name + "\",\"trigger\":\"omotenashi/fm/*\",\"condition\":\""
                + condition + "\",\"actions\":[{\"type\":\"RAISE\"}]}";
    }

    private String createRule(String json) throws Exception {
        return admin.postJson("/api/v1/escalation/rules", json).get("id").asText();
    }

    /** Pushes {@code events} work-order events with distinct ids; counts the escalations they opened. */
    Figures push(String name, int events, AtomicInteger opened) throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String[] priorities = {"P1", "P2", "P3", "P4"};
        return LoadRun.run(name, events, threads, 200, i -> {
            String body = "{\"topic\":\"" + TOPIC + "\",\"properties\":{\"fmId\":\"WO-" + run + "-" + i + "\","
                    + "\"customerId\":\"bench-" + (i % 1000) + "\",\"building\":\"B-" + (i % 97) + "\","
                    + "\"workOrderType\":\"hvac\",\"priority\":\"" + priorities[i % priorities.length] + "\","
                    + "\"hoursLate\":" + (i % LATE_CYCLE) + "}}";
            Api.Reply response = integration.post("/api/v1/escalation/events", body);
            if (response.statusCode() == 200) {
                opened.addAndGet(Api.JSON.readTree(response.body()).get("opened").size());
            }
            return response;
        });
    }

    /**
     * Makes sure {@code open} promises are open and far from due and {@code dueSoon} more fall due within the
     * next hour, then adds one time rule (open promises within 4 business hours of due) and times the time
     * triggers twice on the server: the first run opens escalations, the second finds every subject within the
     * rule's cooldown (without it, RAISE would raise its own escalations again on every run).
     */
    List<JsonNode> sweep(PromiseScenarios promises, Api sales, int open, int dueSoon) throws Exception {
        int existing = PromiseScenarios.openCount(sales);
        Instant now = Instant.now();
        long loadStarted = System.nanoTime();
        int missing = Math.max(0, open - existing);
        promises.importPromises(missing, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
        promises.importPromises(dueSoon, now.minus(Duration.ofDays(1)), now.plus(Duration.ofMinutes(30)));
        System.out.printf("loaded %d open and %d coming-due promises in %.1f s (%d were open already)%n", missing,
                dueSoon, (System.nanoTime() - loadStarted) / 1e9, existing);
        createRule("{\"name\":\"" + PREFIX + "due within 4 business hours\",\"trigger\":{\"type\":\"TIME\","
                + "\"status\":\"OPEN\",\"dueWithin\":\"PT4H\",\"businessTime\":true},\"cooldown\":\"PT1H\",\"actions\":[{\"type\":\"RAISE\"}]}");
        JsonNode first = admin.postJson("/api/v1/escalation/sweep", "{}");
        JsonNode second = admin.postJson("/api/v1/escalation/sweep", "{}");
        return List.of(first, second);
    }

    /** Removes every rule this bench made, and resolves the escalations they left open so a rerun fires again. */
    void cleanUp() throws Exception {
        List<String> rules = new ArrayList<>();
        for (JsonNode rule : admin.getJson("/api/v1/escalation/rules").get("items")) {
            if (rule.path("name").asText().startsWith(PREFIX)) {
                rules.add(rule.get("id").asText());
            }
        }
        for (String id : rules) {
            admin.delete("/api/v1/escalation/rules/" + id);
        }
        int resolved = 0;
        String cursor = null;
        List<String> open = new ArrayList<>();
        do {
            JsonNode page = admin.getJson("/api/v1/escalations?status=OPEN&limit=500"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            for (JsonNode e : page.get("items")) {
                if (e.path("ruleName").asText().startsWith(PREFIX)) {
                    open.add(e.get("id").asText());
                }
            }
            cursor = page.path("next").isTextual() ? page.get("next").asText() : null;
        } while (cursor != null);
        for (String id : open) {
            if (admin.post("/api/v1/escalations/" + id + "/resolve", "{\"note\":\"bench clean-up\"}").statusCode() == 200) {
                resolved++;
            }
        }
        System.out.printf("clean-up: %d bench rules deleted, %d bench escalations resolved%n", rules.size(), resolved);
    }
}
