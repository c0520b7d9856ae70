package org.omotenashi.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Surveys under load: inviting, guests answering through their one-time token, and reading the scores. */
final class SurveyScenarios {
    private final Api admin;
    private final Api service;
    private final Api guest;
    private final int threads;

    SurveyScenarios(Api admin, Api service, Api guest, int threads) {
        this.admin = admin;
        this.service = service;
        this.guest = guest;
        this.threads = threads;
    }

    String defineSurvey() throws Exception {
        return admin.postJson("/api/v1/surveys", "{\"name\":\"Bench survey " + System.nanoTime() + "\",\"questions\":["
                + "{\"key\":\"recommend\",\"type\":\"NPS\",\"textNl\":\"Aanbevelen?\",\"textEn\":\"Recommend?\"},"
                + "{\"key\":\"satisfied\",\"type\":\"CSAT\",\"textNl\":\"Tevreden?\",\"textEn\":\"Satisfied?\"},"
                + "{\"key\":\"effort\",\"type\":\"CES\",\"textNl\":\"Moeite?\",\"textEn\":\"Effort?\"}]}").get("id").asText();
    }

    /** Each invitation goes to a new contact, so the fatigue rule does not refuse it. */
    Figures invite(String survey, int count, List<String> tokens) throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        return LoadRun.run("POST /surveys/{id}/invitations", count, threads, 201, i -> {
            Api.Reply r = service.post("/api/v1/surveys/" + survey + "/invitations",
                    "{\"customerId\":\"bench-" + (i % 500) + "\",\"contactEmail\":\"guest-" + run + "-" + i
                            + "@example.org\",\"language\":\"nl\",\"subject\":{\"type\":\"promise\",\"ref\":\"p-" + i + "\"}}");
            if (r.statusCode() == 201) {
                tokens.add(Api.JSON.readTree(r.body()).get("token").asText());
            }
            return r;
        });
    }

    Figures answer(List<String> tokens) throws Exception {
        return LoadRun.run("POST /responses/{token}", tokens.size(), threads, 201,
                i -> guest.post("/api/v1/responses/" + tokens.get(i),
                        "{\"answers\":{\"recommend\":" + (i % 11) + ",\"satisfied\":" + (1 + i % 5) + ",\"effort\":"
                                + (1 + i % 7) + "}}"));
    }

    Figures scores(String survey, int requests) throws Exception {
        Instant to = Instant.now().plus(Duration.ofDays(1));
        Instant from = to.minus(Duration.ofDays(3 * 365));
        return LoadRun.run("GET /surveys/{id}/scores by month", requests, Math.min(threads, 4), 200,
                i -> service.get("/api/v1/surveys/" + survey + "/scores?groupBy=month&from=" + from + "&to=" + to));
    }

    /**
     * Stores {@code count} answers through the import, spread evenly over the three years before now, with
     * scores from a fixed seed so runs are comparable. Batches go in from two threads, each its own transaction.
     */
    Figures importHistory(String survey, int count, int batch) throws Exception {
        Instant end = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        long spanSeconds = Duration.ofDays(3 * 365).toSeconds();
        int batches = (count + batch - 1) / batch;
        String[] subjects = {"promise", "handover", "ticket"};
        return LoadRun.run("POST /surveys/{id}/responses/import", batches, Math.min(threads, 2), 200, b -> {
            Random random = new Random(b);
            StringBuilder body = new StringBuilder(batch * 180).append("{\"responses\":[");
            for (int i = b * batch; i < Math.min(count, (b + 1) * batch); i++) {
                Instant at = end.minusSeconds(spanSeconds - spanSeconds * i / count);
                body.append(i == b * batch ? "" : ",").append("{\"customerId\":\"c-").append(i % 5000)
                        .append("\",\"language\":\"nl\",\"subject\":{\"type\":\"").append(subjects[i % 3])
                        .append("\",\"ref\":\"s-").append(i).append("\"},\"answeredAt\":\"").append(at)
                        .append("\",\"answers\":{\"recommend\":").append(random.nextInt(11))
                        .append(",\"satisfied\":").append(1 + random.nextInt(5))
                        .append(",\"effort\":").append(1 + random.nextInt(7)).append("}}");
            }
            Api.Reply r = admin.post("/api/v1/surveys/" + survey + "/responses/import", body.append("]}").toString());
            if (r.statusCode() != 200) {
                System.out.println("import batch " + b + " answered " + r.statusCode() + ": " + r.body());
            }
            return r;
        });
    }

    /** The month-grouped scores over everything imported: warmed up first, then one request at a time. */
    Figures scoresOverHistory(String survey, int requests) throws Exception {
        Instant to = Instant.now().plus(Duration.ofDays(1));
        Instant from = to.minus(Duration.ofDays(3 * 365 + 2));
        String path = "/api/v1/surveys/" + survey + "/scores?groupBy=month&from=" + from + "&to=" + to;
        Api.Reply sample = service.get(path);
        if (sample.statusCode() != 200) {
            throw new IllegalStateException("GET scores answered " + sample.statusCode() + ": " + sample.body());
        }
        com.fasterxml.jackson.databind.JsonNode overall = Api.JSON.readTree(sample.body()).get("overall");
        System.out.printf("scores over the history: %d answered, %d months, NPS %s, CSAT %s, CES %s%n",
                overall.get("answered").asLong(), Api.JSON.readTree(sample.body()).get("groups").size(),
                overall.get("nps"), overall.get("csat"), overall.get("ces"));
        LoadRun.run("warm-up scores", 10, 1, 200, i -> service.get(path));
        return LoadRun.run("GET scores by month, 1 thread", requests, 1, 200, i -> service.get(path));
    }

    static List<String> tokens() {
        return java.util.Collections.synchronizedList(new ArrayList<>());
    }
}
