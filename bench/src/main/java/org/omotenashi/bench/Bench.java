package org.omotenashi.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Measures a running assembly over HTTP. Run it against a started distribution:
 * {@code mvn -q -f bench exec:java -Dexec.args="--scenario promises"}.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String base = options.getOrDefault("base", "http://localhost:8181");
        int threads = Integer.parseInt(options.getOrDefault("threads", "16"));
        int requests = Integer.parseInt(options.getOrDefault("requests", "20000"));
        String scenario = options.getOrDefault("scenario", "promises");
        Api sales = new Api(base, options.getOrDefault("user", "sales"), options.getOrDefault("password", "sales"));
        Api admin = sales.as("deskadmin", "deskadmin");
        PromiseScenarios promises = new PromiseScenarios(sales, threads);

        System.out.printf("Omotenashi bench against %s, %d threads, %d cores here%n", base, threads,
                Runtime.getRuntime().availableProcessors());
        if (scenario.equals("promises") || scenario.equals("all")) {
            warmUp(promises, requests);
            System.out.println(promises.create(requests));
            System.out.println(promises.get(requests * 2));
        }
        if (scenario.equals("handover") || scenario.equals("all")) {
            HandoverScenarios handovers = new HandoverScenarios(sales, sales.as("service", "service"), threads);
            handovers.journey(200, new java.util.concurrent.CopyOnWriteArrayList<>());
            System.out.println(handovers.journey(Math.max(1, requests / 10), new java.util.concurrent.CopyOnWriteArrayList<>()));
            System.out.println(handovers.read(requests));
        }
        if (scenario.equals("survey") || scenario.equals("all")) {
            SurveyScenarios surveys = new SurveyScenarios(admin, sales.as("service", "service"), sales.as(null, null), threads);
            String survey = surveys.defineSurvey();
            List<String> tokens = SurveyScenarios.tokens();
            System.out.println(surveys.invite(survey, requests / 4, tokens));
            System.out.println(surveys.answer(tokens));
            System.out.println(surveys.scores(survey, 200));
        }
        if (scenario.equals("survey-scores")) {
            int answers = Integer.parseInt(options.getOrDefault("answers", "1000000"));
            int batch = Integer.parseInt(options.getOrDefault("batch", "5000"));
            SurveyScenarios surveys = new SurveyScenarios(admin, sales.as("service", "service"), sales.as(null, null), threads);
            String survey = surveys.defineSurvey();
            Figures load = surveys.importHistory(survey, answers, batch);
            System.out.println(load);
            System.out.printf("imported %d answers in %.1f s: %.0f answers/s%n", answers, load.seconds(), answers / load.seconds());
            System.out.println(surveys.scoresOverHistory(survey, Integer.parseInt(options.getOrDefault("requests", "50"))));
        }
        if (scenario.equals("escalation")) {
            Api integration = sales.as("integration", "integration");
            EscalationScenarios escalations = new EscalationScenarios(admin, integration, threads);
            int rules = Integer.parseInt(options.getOrDefault("rules", "100"));
            escalations.cleanUp();
            try {
                escalations.createEventRules(rules);
                java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
                escalations.push("warm-up events", 2000, opened);
                opened.set(0);
                Figures events = escalations.push("POST /escalation/events", requests, opened);
                System.out.println(events);
                System.out.printf("%.0f events/s through %d rules, p50 %.2f ms, p99 %.2f ms, %d errors, %d escalations opened%n",
                        events.throughput(), rules, events.p50Millis(), events.p99Millis(), events.errors(), opened.get());
                int open = Integer.parseInt(options.getOrDefault("open", "1000000"));
                int dueSoon = Integer.parseInt(options.getOrDefault("dueSoon", "1000"));
                // Importing promises is for integration and desk-admin, not sales.
                List<JsonNode> sweeps = escalations.sweep(new PromiseScenarios(integration, threads), integration, open, dueSoon);
                String[] runs = {"first run", "second run (all in cooldown)"};
                for (int i = 0; i < sweeps.size(); i++) {
                    JsonNode s = sweeps.get(i);
                    System.out.printf("time triggers over %d open promises, %s: %d subjects, %d fired, %.1f ms%n",
                            open, runs[i], s.get("subjects").asInt(), s.get("fired").asInt(), s.get("millis").asDouble());
                }
            } finally {
                escalations.cleanUp();
            }
        }
        if (scenario.equals("connector")) {
            ConnectorScenarios connectors = new ConnectorScenarios(admin, sales.as("integration", "integration"),
                    java.nio.file.Path.of(options.getOrDefault("karaf", "karaf-assembly/target/assembly")),
                    Integer.parseInt(options.getOrDefault("webhookThreads", "1")));
            connectors.run(Integer.parseInt(options.getOrDefault("items", "100000")),
                    Integer.parseInt(options.getOrDefault("webhooks", "2000")));
        }
        if (scenario.equals("sweep") || scenario.equals("all")) {
            int open = Integer.parseInt(options.getOrDefault("open", "1000000"));
            int overdue = Integer.parseInt(options.getOrDefault("overdue", "1000"));
            // Importing promises is for integration and desk-admin, not sales.
            JsonNode sweep = new PromiseScenarios(sales.as("integration", "integration"), threads).sweep(admin, open, overdue);
            System.out.printf("sweep over %d open promises: %d broken, %d coming due, %.1f ms%n",
                    open, sweep.get("broken").asInt(), sweep.get("dueSoon").asInt(), sweep.get("millis").asDouble());
            JsonNode again = admin.postJson("/api/v1/promises/sweep", "{}");
            System.out.printf("next sweep (nothing to change): %.1f ms%n", again.get("millis").asDouble());
        }
    }

    /**
     * The server compiles its hot paths while they run: on two cores the first pass after a start is a
     * third slower than the next. One whole pass is run first and shown as such; the figures after it count.
     */
    private static void warmUp(PromiseScenarios promises, int requests) throws Exception {
        System.out.println("warm-up  " + promises.create(requests));
        System.out.println("warm-up  " + promises.get(requests * 2));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
