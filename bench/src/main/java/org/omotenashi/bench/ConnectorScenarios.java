package org.omotenashi.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The connector engine under load: a TOPdesk holding {@code items} changed incidents is connected to the running
 * distribution, and the bench times how fast the first poll applies them all (each becomes a promise); then it
 * changes incidents one by one and times each signed webhook until the promise has followed (the webhook answers
 * once the item is read and applied). The instance is configured through a file in the distribution's etc folder,
 * as an operator would, and removed at the end; the promises stay.
 */
final class ConnectorScenarios {
    private final Api admin;
    private final Api integration;
    private final Path karafHome;
    private final int threads;

    ConnectorScenarios(Api admin, Api integration, Path karafHome, int threads) {
        this.admin = admin;
        this.integration = integration;
        this.karafHome = karafHome;
        this.threads = threads;
    }

    void run(int items, int webhooks) throws Exception {
        ensureFeature();
        String run = Long.toString(System.currentTimeMillis(), 36);
        String name = "bench" + run;
        String secret = newSecret();
        Path config = karafHome.resolve("etc/org.omotenashi.connector-" + name + ".cfg");
        try (TopdeskLoadStub topdesk = new TopdeskLoadStub(items, run)) {
            long started = System.nanoTime();
            Files.writeString(config, String.join("\n", "type = topdesk", "baseUrl = " + topdesk.baseUrl(),
                    "username = bench", ".password = bench", ".webhookSecret = " + secret, "pollIntervalSeconds = 86400",
                    "pageSize = 500", "timeoutSeconds = 30", "writeBack = false", ""));
            JsonNode status = awaitApplied(name, items, started);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("connector poll: %d changed incidents applied (%d seen) in %.1f s: %.0f items/s%n",
                    status.get("itemsApplied").asLong(), status.get("itemsSeen").asLong(), seconds, items / seconds);

            Figures latency = LoadRun.run("webhook → promise", webhooks, threads, 200, i -> {
                int k = (int) ((i * 7919L) % items);
                topdesk.moveTargetDate(k);
                String body = "{\"externalId\":\"" + topdesk.id(k) + "\"}";
                return integration.post("/api/v1/connectors/" + name + "/events", body, signed(secret, body));
            });
            System.out.println(latency);
            System.out.printf("a changed target date reaches its promise through the webhook: p50 %.1f ms, p99 %.1f ms "
                    + "(%d webhooks from %d threads, %d errors)%n", latency.p50Millis(), latency.p99Millis(), webhooks,
                    threads, latency.errors());
        } finally {
            Files.deleteIfExists(config);
        }
    }

    /** The TOPdesk adapter's feature, installed through the console when the distribution runs without it. */
    private void ensureFeature() throws Exception {
        if (admin.get("/api/v1/connectors").statusCode() == 200) {
            return;
        }
        // Without a terminal, bin/client runs what it reads from its input (-b), not a command argument.
        Process client = new ProcessBuilder(karafHome.resolve("bin/client").toString(), "-u", "admin", "-p", "admin", "-b")
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectErrorStream(true).start();
        client.getOutputStream().write("feature:install omotenashi-connector-topdesk\n".getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().close();
        if (!client.waitFor(120, TimeUnit.SECONDS) || client.exitValue() != 0) {
            throw new IllegalStateException("could not install omotenashi-connector-topdesk through bin/client");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (admin.get("/api/v1/connectors").statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("/api/v1/connectors did not come up within 60 s");
            }
            Thread.sleep(200);
        }
    }

    private JsonNode awaitApplied(String name, int items, long started) throws Exception {
        long deadline = started + TimeUnit.MINUTES.toNanos(30);
        while (System.nanoTime() < deadline) {
            Api.Reply reply = admin.get("/api/v1/connectors/" + name);
            if (reply.statusCode() == 200) {
                JsonNode status = Api.JSON.readTree(reply.body());
                if (status.get("itemsSeen").asLong() >= items) {
                    return status;
                }
                if (status.get("state").asText().equals("STOPPED")) {
                    throw new IllegalStateException("the bench connector stopped: " + status.path("lastError").asText());
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the connector did not apply " + items + " items within 30 minutes");
    }

    private static String newSecret() {
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static String[] signed(String secret, String body) {
        try {
            String id = "msg_" + UUID.randomUUID();
            long timestamp = System.currentTimeMillis() / 1000;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String signature = Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            return new String[] {"webhook-id", id, "webhook-timestamp", Long.toString(timestamp),
                    "webhook-signature", "v1," + signature};
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
