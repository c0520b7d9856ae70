package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The distribution as an operator runs it: unpacked, started with bin/karaf, stopped with bin/stop,
 * started again. Every module's data must survive (promises, a submitted handover, a survey answer,
 * a webhook waiting in the escalation outbox); start time and memory are printed, not asserted.
 */
public class AssemblyRestartIT {
    private static final ObjectMapper JSON = OmotenashiTestSupport.JSON;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private Path home;
    private HttpCalls http;
    private Process karaf;

    @Before
    public void unpack() throws Exception {
        File assembly = new File(System.getProperty("omotenashi.assembly.file", ""));
        assertTrue("the assembly tar.gz is built: " + assembly, assembly.isFile());
        Path target = Files.createDirectories(Path.of("target", "restart-it"));
        run(target, "rm", "-rf", "omotenashi-karaf-" + System.getProperty("project.version"));
        run(target, "tar", "xzf", assembly.getAbsolutePath());
        home = target.resolve("omotenashi-karaf-" + System.getProperty("project.version")).toAbsolutePath();
        int httpPort = OmotenashiTestSupport.freePort();
        setProperty("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort);
        setProperty("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", OmotenashiTestSupport.freePort());
        setProperty("etc/org.apache.karaf.management.cfg", "rmiServerPort", OmotenashiTestSupport.freePort());
        setProperty("etc/org.apache.karaf.shell.cfg", "sshPort", OmotenashiTestSupport.freePort());
        setProperty("etc/config.properties", "karaf.shutdown.port", OmotenashiTestSupport.freePort());
        http = new HttpCalls("http://localhost:" + httpPort);
        // Escalation webhooks to a receiver on this machine, retried every second or two.
        Files.writeString(home.resolve("etc/org.omotenashi.escalation.cfg"),
                "allowLocalWebhookTargets = true\nretryBase = PT1S\nretryCap = PT2S\n");
    }

    @After
    public void stop() throws Exception {
        if (karaf != null && karaf.isAlive()) {
            karaf.descendants().forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly();
        }
    }

    @Test
    public void everyModulesDataSurvivesARestartOfTheDistribution() throws Exception {
        double coldStart = start();
        String open = create("c-restart");
        String kept = create("c-restart");
        assertEquals(200, http.send("POST", "/api/v1/promises/" + kept + "/keep", "service", "service", "{}").statusCode());
        int hookPort = OmotenashiTestSupport.freePort();
        String pendingWebhook = escalationWebhookWaitingFor(hookPort);
        String handover = submittedHandover();
        String survey = surveyWithOnePromoter();
        long rss = residentKiB();
        shutdown();

        double warmStart = start();
        JsonNode reopened = JSON.readTree(http.send("GET", "/api/v1/promises/" + open, "sales", "sales", null).body());
        JsonNode stillKept = JSON.readTree(http.send("GET", "/api/v1/promises/" + kept, "sales", "sales", null).body());
        assertEquals("OPEN", reopened.get("status").asText());
        assertEquals("KEPT", stillKept.get("status").asText());
        assertEquals(2, stillKept.get("version").asInt());
        receiverGetsItOnceAfterTheRestart(hookPort, pendingWebhook);
        JsonNode stillSubmitted = JSON.readTree(http.await("/api/v1/handovers/" + handover, "service", "service", 200,
                START_TIMEOUT, body -> true).body());
        assertEquals("SUBMITTED", stillSubmitted.get("status").asText());
        JsonNode scores = JSON.readTree(http.await("/api/v1/surveys/" + survey + "/scores?from="
                + Instant.now().minus(Duration.ofDays(1)) + "&to=" + Instant.now().plus(Duration.ofDays(1)),
                "sales", "sales", 200, START_TIMEOUT, body -> true).body()).path("overall");
        assertEquals(1, scores.path("answered").asInt());
        assertEquals(100.0, scores.path("nps").asDouble(), 0.0);
        System.out.printf("distribution: cold start to REST answering %.1f s, restart %.1f s, resident memory %d MiB%n",
                coldStart, warmStart, rss / 1024);
        shutdown();
    }

    private String submittedHandover() throws Exception {
        http.await("/api/v1/handovers?limit=1", "sales", "sales", 200, START_TIMEOUT, body -> true);
        HttpResponse<String> created = http.send("POST", "/api/v1/handovers", "sales", "sales",
                HandoverIT.completeHandover("DEAL-restart-" + System.nanoTime(), "c-restart"));
        assertEquals(created.body(), 201, created.statusCode());
        String id = JSON.readTree(created.body()).get("id").asText();
        assertEquals(200, http.send("POST", "/api/v1/handovers/" + id + "/submit", "sales", "sales", "{}").statusCode());
        return id;
    }

    /** A survey answered once with a 10: after the restart its NPS is exactly 100. */
    private String surveyWithOnePromoter() throws Exception {
        http.await("/api/v1/surveys", "deskadmin", "deskadmin", 200, START_TIMEOUT, body -> true);
        HttpResponse<String> survey = http.send("POST", "/api/v1/surveys", "deskadmin", "deskadmin",
                "{\"name\":\"Restart\",\"questions\":[{\"key\":\"recommend\",\"type\":\"NPS\","
                        + "\"textNl\":\"Aanbevelen?\",\"textEn\":\"Recommend?\"}]}");
        assertEquals(survey.body(), 201, survey.statusCode());
        String id = JSON.readTree(survey.body()).get("id").asText();
        HttpResponse<String> invitation = http.send("POST", "/api/v1/surveys/" + id + "/invitations", "service", "service",
                "{\"customerId\":\"c-restart\",\"contactEmail\":\"guest-" + System.nanoTime()
                        + "@example.org\",\"language\":\"en\",\"subject\":{\"type\":\"promise\",\"ref\":\"p-1\"}}");
        assertEquals(invitation.body(), 201, invitation.statusCode());
        String token = JSON.readTree(invitation.body()).get("token").asText();
        assertEquals(201, http.send("POST", "/api/v1/responses/" + token, null, null,
                "{\"answers\":{\"recommend\":10}}").statusCode());
        return id;
    }

    private String create(String customer) throws Exception {
        HttpResponse<String> created = http.send("POST", "/api/v1/promises", "sales", "sales",
                PromisesApiIT.promiseJson(customer, Instant.now().plus(Duration.ofDays(2))));
        assertEquals(created.body(), 201, created.statusCode());
        return JSON.readTree(created.body()).get("id").asText();
    }

    /** A cancelled promise escalates to a webhook whose receiver is down: the delivery waits in the outbox. */
    private String escalationWebhookWaitingFor(int port) throws Exception {
        http.await("/api/v1/escalation/rules", "deskadmin", "deskadmin", 200, START_TIMEOUT, body -> true);
        HttpResponse<String> rule = http.send("POST", "/api/v1/escalation/rules", "deskadmin", "deskadmin",
                "{\"name\":\"Cancelled\",\"trigger\":\"omotenashi/promise/CANCELLED\",\"actions\":[{\"type\":\"WEBHOOK\","
                        + "\"url\":\"http://127.0.0.1:" + port + "/hook\"}]}");
        assertEquals(rule.body(), 201, rule.statusCode());
        String cancelled = create("c-restart");
        assertEquals(200, http.send("POST", "/api/v1/promises/" + cancelled + "/cancel", "sales", "sales",
                "{\"reason\":\"customer withdrew\"}").statusCode());
        HttpResponse<String> pending = http.await("/api/v1/escalation/deliveries?status=PENDING", "deskadmin", "deskadmin",
                200, START_TIMEOUT, body -> body.contains("127.0.0.1:" + port) && !body.contains("\"attempts\":0"));
        return JSON.readTree(pending.body()).get("items").get(0).get("id").asText();
    }

    private void receiverGetsItOnceAfterTheRestart(int port, String deliveryId) throws Exception {
        List<String> ids = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", port), 0);
        receiver.createContext("/", exchange -> {
            ids.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            http.await("/api/v1/escalation/deliveries?status=DELIVERED", "deskadmin", "deskadmin", 200, START_TIMEOUT,
                    body -> body.contains(deliveryId));
            // The outbox runs once more, after any run in progress: had it anything left to send again, it would now.
            HttpResponse<String> run = http.send("POST", "/api/v1/escalation/deliveries/run", "deskadmin", "deskadmin", "{}");
            assertEquals(run.body(), 200, run.statusCode());
            assertEquals(run.body(), 0, JSON.readTree(run.body()).get("attempted").asInt());
            assertEquals(List.of(deliveryId), ids);
        } finally {
            receiver.stop(0);
        }
    }

    /** Starts bin/karaf in the foreground as a child and returns the seconds until promises answer. */
    private double start() throws Exception {
        long started = System.nanoTime();
        karaf = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("console.out").toFile())
                .start();
        http.await("/api/v1/promises?limit=1", "sales", "sales", 200, START_TIMEOUT, body -> true);
        return (System.nanoTime() - started) / 1e9;
    }

    private void shutdown() throws Exception {
        run(home, home.resolve("bin/stop").toString());
        assertTrue("karaf stops within 60 s", karaf.waitFor(60, TimeUnit.SECONDS));
    }

    /** The Java process behind bin/karaf, read from /proc. */
    private long residentKiB() throws IOException {
        Optional<ProcessHandle> java = karaf.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false)).findFirst();
        long pid = java.map(ProcessHandle::pid).orElse(karaf.pid());
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private void setProperty(String file, String key, int value) throws IOException {
        Path path = home.resolve(file);
        List<String> lines = Files.readAllLines(path);
        lines.removeIf(l -> l.strip().startsWith(key + " ") || l.strip().startsWith(key + "="));
        lines.add(key + " = " + value);
        Files.write(path, lines);
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        assertTrue(String.join(" ", command) + " finishes", p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(String.join(" ", command), 0, p.exitValue());
    }
}
