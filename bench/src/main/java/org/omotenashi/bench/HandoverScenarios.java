package org.omotenashi.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Handovers under load: the whole journey from a sale to an accepted handover whose promise lands in
 * the tracker (four requests and one promise registration each), and reading handovers back.
 */
final class HandoverScenarios {
    private final Api sales;
    private final Api service;
    private final int threads;

    HandoverScenarios(Api sales, Api service, int threads) {
        this.sales = sales;
        this.service = service;
        this.threads = threads;
    }

    private static String handoverJson(String deal) {
        Instant due = Instant.now().plus(Duration.ofDays(60));
        return "{\"dealRef\":\"" + deal + "\",\"customerId\":\"bench-" + deal + "\",\"customerName\":\"Bench hotel\","
                + "\"serviceTeam\":\"facility-bench\",\"contractStart\":\"" + LocalDate.now().plusDays(14) + "\","
                + "\"contacts\":[{\"name\":\"Joost de Vries\",\"role\":\"facility manager\",\"email\":\"joost@example.org\"}],"
                + "\"expectations\":[{\"text\":\"The lobby is never dark\",\"importance\":\"MUST\"}],"
                + "\"promises\":[{\"description\":\"Replace the lobby lights\",\"dueAt\":\"" + due + "\"}],"
                + "\"notes\":{\"access\":\"Service entrance at the back\"}}";
    }

    /** One iteration = create, submit, acknowledge, accept; latency is that of the whole journey. */
    Figures journey(int handovers, List<String> accepted) throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        return LoadRun.run("handover journey (4 calls)", handovers, threads, 200, i -> {
            Api.Reply created = sales.post("/api/v1/handovers", handoverJson("D-" + run + "-" + i));
            if (created.statusCode() != 201) {
                return created;
            }
            String id = Api.JSON.readTree(created.body()).get("id").asText();
            Api.Reply step = sales.post("/api/v1/handovers/" + id + "/submit", "{}");
            if (step.statusCode() == 200) {
                step = service.post("/api/v1/handovers/" + id + "/acknowledge", "{}");
            }
            if (step.statusCode() == 200) {
                step = service.post("/api/v1/handovers/" + id + "/accept", "{}");
            }
            if (step.statusCode() == 200) {
                accepted.add(id);
            }
            return step;
        });
    }

    Figures read(int requests) throws Exception {
        List<String> ids = new CopyOnWriteArrayList<>();
        journey(Math.max(threads, 50), ids);
        return LoadRun.run("GET /handovers/{id}", requests, threads, 200,
                i -> sales.get("/api/v1/handovers/" + ids.get(i % ids.size())));
    }
}
