package org.omotenashi.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
            HttpResponse<String> r = service.post("/api/v1/surveys/" + survey + "/invitations",
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

    static List<String> tokens() {
        return java.util.Collections.synchronizedList(new ArrayList<>());
    }
}
