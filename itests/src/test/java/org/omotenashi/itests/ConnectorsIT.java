package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.omotenashi.itests.OmotenashiTestSupport.await;
import static org.omotenashi.itests.OmotenashiTestSupport.expect;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The connectors against WireMock stubs of TOPdesk and Maximo, on the distribution run as a process (the stubs
 * need Jetty 11 in the test JVM, and a kill mid-sync needs a process). One assembly boots only the core, the
 * promise tracker and the two connector features; one test walks through what the connectors promise, in order,
 * with the suite's clock moved instead of waiting, then kills the process in the middle of a long sync and
 * checks after the restart that nothing was lost or doubled.
 */
public class ConnectorsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPDESK_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "topdesk-webhook-secret-0123".getBytes(StandardCharsets.UTF_8));
    private static final String MAXIMO_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "maximo-webhook-secret-45678".getBytes(StandardCharsets.UTF_8));

    private AssemblyProcess karaf;
    private HttpCalls http;
    private TopdeskIncidentApiStub topdesk;
    private MaximoWorkOrderApiStub maximo;
    private Duration offset = Duration.ZERO;

    @Before
    public void setUp() throws Exception {
        topdesk = new TopdeskIncidentApiStub();
        maximo = new MaximoWorkOrderApiStub();
        karaf = new AssemblyProcess("connectors-it");
        http = karaf.http();
        karaf.bootFeatures("omotenashi-promises", "omotenashi-connector-topdesk", "omotenashi-connector-maximo");
        karaf.write("etc/org.omotenashi.connector-topdesk.cfg", String.join("\n",
                "type = topdesk",
                "baseUrl = " + topdesk.baseUrl(),
                "username = " + TopdeskIncidentApiStub.OPERATOR,
                ".password = " + TopdeskIncidentApiStub.APPLICATION_PASSWORD,
                ".webhookSecret = " + TOPDESK_SECRET,
                "pollIntervalSeconds = 60",
                "pageSize = 50",
                "timeoutSeconds = 3",
                "retryBase = PT1S",
                "ownerMapping = Facilitair beheer=team-north", ""));
        karaf.write("etc/org.omotenashi.connector-maximo.cfg", String.join("\n",
                "type = maximo",
                "baseUrl = " + maximo.baseUrl(),
                ".apiKey = " + MaximoWorkOrderApiStub.API_KEY,
                ".webhookSecret = " + MAXIMO_SECRET,
                "pollIntervalSeconds = 60",
                "timeoutSeconds = 10",
                "ownerMapping = FACILITY=team-south", ""));
    }

    @After
    public void tearDown() {
        if (karaf != null) {
            karaf.close();
        }
        if (topdesk != null) {
            topdesk.close();
        }
        if (maximo != null) {
            maximo.close();
        }
    }

    @Test
    public void workOrdersBecomePromisesAndNothingIsLostOrDoubled() throws Exception {
        double started = karaf.start(AssemblyProcess.READY, null);
        JsonNode first = awaitStatus("topdesk", ConnectorsIT::polledAndOk);
        awaitStatus("maximo", ConnectorsIT::polledAndOk);
        assertEquals("TOPdesk", first.path("system").asText());

        anIncidentBecomesAPromiseWithinOnePollInterval(first);
        aSignedWebhookAppliesAtOnceAndABadSignatureChangesNothing();
        aMovedTargetDateIsOneRenegotiationWhateverWayItArrives();
        anIncidentCompletedLateKeepsThePromiseLate();
        aFacilitySystemDownOrSlowLosesNothingAndCatchesUp();
        maximoWorkOrdersBecomePromisesAndAreKept();
        adaptersAndTheEngineAreSwappedWhileTheOthersServe();
        aKillInTheMiddleOfASyncLosesAndDoublesNothing();
        aDeletedInstanceLeavesNoConsumerBehind();
        System.out.printf("connectors: distribution up in %.1f s%n", started);
    }

    private void anIncidentBecomesAPromiseWithinOnePollInterval(JsonNode before) throws Exception {
        Instant nextPoll = Instant.parse(before.get("nextSyncAt").asText());
        Instant due = suiteNow().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        String id = topdesk.create("Lift stuck on floor 3", due);
        // The next poll is due one interval after the last by the suite's clock: move the clock there, not the test.
        moveClockTo(nextPoll.plusSeconds(1));
        String promiseId = awaitPromiseOf("topdesk", id);
        JsonNode promise = promise(promiseId);
        assertEquals("FM_SYSTEM", promise.get("channel").asText());
        assertEquals("topdesk", promise.get("origin").get("type").asText());
        assertEquals(id, promise.get("origin").get("ref").asText());
        assertEquals("I 2611 001", promise.get("externalRef").asText());
        assertEquals("team-north", promise.get("owner").asText());
        assertEquals("b-zon", promise.get("customerId").asText());
        assertEquals("Hotel Zon", promise.get("customerName").asText());
        assertEquals(due, Instant.parse(promise.get("dueAt").asText()));
        assertEquals("OPEN", promise.get("status").asText());
    }

    private void aSignedWebhookAppliesAtOnceAndABadSignatureChangesNothing() throws Exception {
        String id = topdesk.create("Door closer slams", suiteNow().plus(Duration.ofDays(3)));
        HttpResponse<String> applied = event("topdesk", TOPDESK_SECRET, id, "integration");
        assertEquals(applied.body(), 200, applied.statusCode());
        JsonNode outcome = JSON.readTree(applied.body());
        assertEquals("CREATED", outcome.get("outcome").asText());
        assertEquals("OPEN", promise(outcome.get("promiseId").asText()).get("status").asText());

        String unsigned = topdesk.create("Not to be trusted", suiteNow().plus(Duration.ofDays(3)));
        HttpResponse<String> forged = event("topdesk", MAXIMO_SECRET, unsigned, "integration");
        assertEquals(forged.body(), 401, forged.statusCode());
        assertTrue(forged.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(forged.body(), forged.body().contains("signature"));
        HttpResponse<String> stale = send("POST", "/api/v1/connectors/topdesk/events", "integration",
                body(unsigned), signed(TOPDESK_SECRET, body(unsigned), suiteNow().minus(Duration.ofMinutes(10))));
        assertEquals(stale.body(), 401, stale.statusCode());
        assertEquals(403, event("topdesk", TOPDESK_SECRET, unsigned, "viewer").statusCode());
        assertEquals(401, send("POST", "/api/v1/connectors/topdesk/events", null, body(unsigned),
                signed(TOPDESK_SECRET, body(unsigned), suiteNow())).statusCode());
        assertEquals(404, event("nosuch", TOPDESK_SECRET, unsigned, "integration").statusCode());
        assertFalse("a refused webhook changed nothing", itemIds("topdesk").contains(unsigned));
    }

    private void aMovedTargetDateIsOneRenegotiationWhateverWayItArrives() throws Exception {
        Instant due = suiteNow().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        String id = topdesk.create("Heating in room 12", due);
        String promiseId = JSON.readTree(event("topdesk", TOPDESK_SECRET, id, "integration").body()).get("promiseId").asText();
        Instant moved = due.plus(Duration.ofDays(1));
        topdesk.moveTargetDate(id, moved);
        assertEquals("RENEGOTIATED", JSON.readTree(event("topdesk", TOPDESK_SECRET, id, "integration").body()).get("outcome").asText());
        assertEquals("UNCHANGED", JSON.readTree(event("topdesk", TOPDESK_SECRET, id, "integration").body()).get("outcome").asText());
        JsonNode sync = sync("topdesk");
        assertTrue(sync.toString(), sync.get("complete").asBoolean());
        JsonNode promise = promise(promiseId);
        assertEquals(1, promise.get("renegotiations").size());
        assertEquals(moved, Instant.parse(promise.get("dueAt").asText()));
        assertTrue(promise.get("renegotiations").get(0).get("reason").asText().contains("TOPdesk I 2611"));

        // One renegotiation, one note on the incident, however often the change was seen.
        List<JsonNode> notes = awaitNotesDelivered("topdesk", promiseId, "RENEGOTIATED");
        assertEquals(notes.toString(), 1, notes.size());
        assertEquals(1, notes.get(0).get("attempts").asInt());
        assertEquals(id, notes.get(0).get("externalId").asText());
        topdesk.verifyActions(1, id, "renegotiated");
        topdesk.verifyActions(1, id, "Omotenashi:");
        assertEquals("our promise's id goes into the empty externalNumber", promiseId, topdesk.externalNumber(id));
    }

    private void anIncidentCompletedLateKeepsThePromiseLate() throws Exception {
        String id = topdesk.create("Broken window in the lobby", suiteNow().plus(Duration.ofHours(1)));
        String promiseId = JSON.readTree(event("topdesk", TOPDESK_SECRET, id, "integration").body()).get("promiseId").asText();
        moveClockBy(Duration.ofHours(2));
        awaitPollAfterClockMove();
        topdesk.complete(id);
        HttpResponse<String> kept = event("topdesk", TOPDESK_SECRET, id, "integration");
        assertEquals(kept.body(), "KEPT", JSON.readTree(kept.body()).get("outcome").asText());
        assertEquals("KEPT_LATE", promise(promiseId).get("status").asText());
        assertEquals("UNCHANGED", JSON.readTree(event("topdesk", TOPDESK_SECRET, id, "integration").body()).get("outcome").asText());
        sync("topdesk");
        assertEquals("KEPT_LATE", promise(promiseId).get("status").asText());

        // Exactly one request carries the kept-late note. The tracker's sweep may have noted the promise broken
        // before the incident was completed: that change is noted once as well, and nothing else is sent.
        List<JsonNode> notes = awaitNotesDelivered("topdesk", promiseId, "KEPT_LATE");
        assertEquals(notes.toString(), 1, notes.stream().filter(n -> n.get("change").asText().equals("KEPT_LATE")).count());
        for (JsonNode note : notes) {
            assertEquals(note.toString(), 1, note.get("attempts").asInt());
        }
        topdesk.verifyActions(1, id, "kept late");
        topdesk.verifyActions(notes.size(), id, "Omotenashi:");
        JsonNode status = status("topdesk");
        assertEquals(0, status.get("writeBacksFailed").asLong());
        JsonNode firstPage = JSON.readTree(send("GET", "/api/v1/connectors/topdesk/write-backs?limit=1", "deskadmin", null).body());
        JsonNode secondPage = JSON.readTree(send("GET", "/api/v1/connectors/topdesk/write-backs?limit=1&cursor="
                + firstPage.get("next").asText(), "deskadmin", null).body());
        assertEquals(1, secondPage.get("items").size());
        assertTrue("pages follow on", !firstPage.get("items").get(0).get("id").equals(secondPage.get("items").get(0).get("id")));
        assertEquals(403, send("GET", "/api/v1/connectors/topdesk/write-backs", "integration", null).statusCode());
        assertEquals(400, send("GET", "/api/v1/connectors/topdesk/write-backs?status=LOST", "deskadmin", null).statusCode());
    }

    private void aFacilitySystemDownOrSlowLosesNothingAndCatchesUp() throws Exception {
        JsonNode before = status("topdesk");
        topdesk.answer(503);
        String duringOutage = topdesk.create("Leaking tap, kitchen", suiteNow().plus(Duration.ofDays(2)));
        for (int i = 0; i < 2; i++) {
            JsonNode failed = sync("topdesk");
            assertFalse(failed.get("complete").asBoolean());
            assertTrue(failed.toString(), failed.get("error").asText().contains("503"));
        }
        JsonNode degraded = status("topdesk");
        assertEquals("DEGRADED", degraded.get("state").asText());
        assertTrue(degraded.get("lastError").asText().contains("503"));
        assertNotNull(degraded.get("since"));
        assertEquals("the cursor stays put", before.get("cursorLastId"), degraded.get("cursorLastId"));
        HttpResponse<String> deferred = event("topdesk", TOPDESK_SECRET, duringOutage, "integration");
        assertEquals(deferred.body(), 202, deferred.statusCode());
        assertEquals("DEFERRED", JSON.readTree(deferred.body()).get("outcome").asText());

        topdesk.healthy();
        topdesk.slow(Duration.ofSeconds(5));
        String whileSlow = topdesk.create("Flickering light, hall", suiteNow().plus(Duration.ofDays(2)));
        JsonNode timedOut = sync("topdesk");
        assertTrue(timedOut.toString(), timedOut.get("error").asText().contains("did not answer in time"));

        topdesk.healthy();
        JsonNode caughtUp = sync("topdesk");
        assertTrue(caughtUp.toString(), caughtUp.get("complete").asBoolean());
        assertEquals("OK", status("topdesk").get("state").asText());
        awaitPromiseOf("topdesk", duringOutage);
        awaitPromiseOf("topdesk", whileSlow);
    }

    private void maximoWorkOrdersBecomePromisesAndAreKept() throws Exception {
        Instant due = suiteNow().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        String polled = maximo.create("Replace the lobby door closer", due);
        String pushed = maximo.create("Service the chiller", due.plus(Duration.ofDays(1)));
        assertTrue(sync("maximo").get("complete").asBoolean());
        JsonNode promise = promise(awaitPromiseOf("maximo", polled));
        assertEquals("maximo", promise.get("origin").get("type").asText());
        assertEquals("team-south", promise.get("owner").asText());
        assertEquals("BEDFORD", promise.get("customerId").asText());
        assertEquals(due, Instant.parse(promise.get("dueAt").asText()));
        maximo.status(pushed, "INPRG");
        assertEquals("UNCHANGED", JSON.readTree(event("maximo", MAXIMO_SECRET, pushed, "integration").body()).get("outcome").asText());
        maximo.status(polled, "COMP");
        HttpResponse<String> kept = event("maximo", MAXIMO_SECRET, polled, "integration");
        assertEquals(kept.body(), "KEPT", JSON.readTree(kept.body()).get("outcome").asText());
        assertEquals("KEPT", promise(promise.get("id").asText()).get("status").asText());
        List<JsonNode> notes = awaitNotesDelivered("maximo", promise.get("id").asText(), "KEPT");
        assertEquals(notes.toString(), 1, notes.size());
        maximo.verifyWorklogs(1, polled, "kept on time");
        assertEquals(1, maximo.worklog(polled).size());
    }

    private void adaptersAndTheEngineAreSwappedWhileTheOthersServe() throws Exception {
        String services = karaf.console("service:list org.omotenashi.connector.api.Connector");
        assertTrue(services, services.contains("type = topdesk") && services.contains("type = maximo"));
        for (String secret : List.of(TopdeskIncidentApiStub.APPLICATION_PASSWORD, MaximoWorkOrderApiStub.API_KEY,
                TOPDESK_SECRET, MAXIMO_SECRET)) {
            assertFalse("no secret among the service properties", services.contains(secret));
        }
        String openApi = send("GET", "/api/v1/openapi.json", "deskadmin", null).body();
        assertTrue(openApi.contains("\"/connectors/{instance}/events\"") && openApi.contains("postConnectorEvent"));

        karaf.console("feature:uninstall omotenashi-connector-topdesk");
        JsonNode stopped = awaitStatus("topdesk", s -> s.path("state").asText().equals("STOPPED"));
        assertTrue(stopped.get("lastError").asText().contains("omotenashi-connector-topdesk"));
        String meanwhile = topdesk.create("Blocked drain, terrace", suiteNow().plus(Duration.ofDays(2)));
        assertEquals(503, event("topdesk", TOPDESK_SECRET, meanwhile, "integration").statusCode());
        String workOrder = maximo.create("Repaint the fire door", suiteNow().plus(Duration.ofDays(2)));
        assertEquals("CREATED", JSON.readTree(event("maximo", MAXIMO_SECRET, workOrder, "integration").body()).get("outcome").asText());
        karaf.console("feature:install omotenashi-connector-topdesk");
        awaitStatus("topdesk", s -> s.path("state").asText().equals("OK"));
        assertTrue(sync("topdesk").get("complete").asBoolean());
        String meanwhilePromise = awaitPromiseOf("topdesk", meanwhile);

        long seen = status("topdesk").get("itemsSeen").asLong();
        // The engine came with the adapters only, so it leaves with them.
        karaf.console("feature:uninstall omotenashi-connector-topdesk omotenashi-connector-maximo");
        http.await("/api/v1/connectors", "deskadmin", "deskadmin", 404, WAIT, body -> true);
        assertEquals(200, send("GET", "/api/v1/promises?limit=1", "sales", null).statusCode());
        // Kept in the suite while no connector runs: noted on the incident once the engine is back.
        HttpResponse<String> kept = send("POST", "/api/v1/promises/" + meanwhilePromise + "/keep", "service",
                "{\"evidence\":\"drain cleared by the caretaker\"}");
        assertEquals(kept.body(), 200, kept.statusCode());
        karaf.console("feature:install omotenashi-connector-topdesk omotenashi-connector-maximo");
        JsonNode back = awaitStatus("topdesk", s -> s.path("state").asText().equals("OK"));
        assertTrue("its records survived", back.get("itemsSeen").asLong() >= seen);
        awaitStatus("maximo", s -> s.path("state").asText().equals("OK"));
        List<JsonNode> notes = awaitNotesDelivered("topdesk", meanwhilePromise, "KEPT");
        assertEquals(notes.toString(), 1, notes.size());
        topdesk.verifyActions(1, meanwhile, "kept on time");
        topdesk.verifyActions(1, meanwhile, "by service");
    }

    /**
     * An instance whose configuration is deleted is gone for good: its write-back consumer leaves event:lag (a feature
     * swap, above, keeps it, so nothing is missed while the engine is away). The other instance reads on.
     */
    private void aDeletedInstanceLeavesNoConsumerBehind() throws Exception {
        String lag = karaf.console("event:lag");
        assertTrue(lag, lag.contains("connector.maximo.write-back") && lag.contains("connector.topdesk.write-back"));
        Files.delete(karaf.home().resolve("etc/org.omotenashi.connector-maximo.cfg"));
        http.await("/api/v1/connectors/maximo", "deskadmin", "deskadmin", 404, WAIT, body -> true);
        await("the deleted instance's consumer forgotten", WAIT, () -> consoleQuietly("event:lag"),
                text -> text.contains("connector.topdesk.write-back") && !text.contains("connector.maximo.write-back"));
    }

    private String consoleQuietly(String command) {
        try {
            return karaf.console(command);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private void aKillInTheMiddleOfASyncLosesAndDoublesNothing() throws Exception {
        assertTrue(sync("topdesk").get("complete").asBoolean());
        long appliedBefore = status("topdesk").get("itemsApplied").asLong();
        int many = 600;
        for (int i = 0; i < many; i++) {
            topdesk.create("Routine check " + i, suiteNow().plus(Duration.ofDays(5)));
        }
        // Each page now takes a while, so the poll is surely in the middle when the process dies.
        topdesk.slow(Duration.ofMillis(300));
        moveClockBy(Duration.ofSeconds(61));
        JsonNode atKill = awaitStatus("topdesk", s -> s.get("itemsApplied").asLong() > appliedBefore + 100);
        karaf.kill();
        assertTrue("killed in the middle of the sync", atKill.get("itemsApplied").asLong() < appliedBefore + many);
        topdesk.healthy();

        // Ready: every installed module serves, the tracker the sync feeds included.
        karaf.start(AssemblyProcess.READY, null);
        awaitStatus("topdesk", s -> s.path("state").asText().equals("OK"));
        JsonNode done;
        do {
            done = sync("topdesk");
        } while (!done.get("complete").asBoolean() && done.get("error") == null);
        assertTrue(done.toString(), done.get("complete").asBoolean());

        Map<String, Integer> promisesPerIncident = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = JSON.readTree(send("GET", "/api/v1/promises?limit=500" + (cursor == null ? "" : "&cursor=" + cursor),
                    "sales", null).body());
            for (JsonNode p : page.get("items")) {
                if (p.path("origin").path("type").asText().equals("topdesk")) {
                    promisesPerIncident.merge(p.get("origin").get("ref").asText(), 1, Integer::sum);
                }
            }
            cursor = page.hasNonNull("next") ? page.get("next").asText() : null;
        } while (cursor != null);
        List<String> doubled = new ArrayList<>();
        promisesPerIncident.forEach((incident, count) -> {
            if (count > 1) {
                doubled.add(incident);
            }
        });
        assertEquals("no incident has two promises", List.of(), doubled);
        assertEquals("every incident has its promise", topdesk.ids(), promisesPerIncident.keySet());
        assertTrue(promisesPerIncident.size() > many);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** OK, and a poll has ended and scheduled the next one. */
    private static boolean polledAndOk(JsonNode s) {
        return s.path("state").asText().equals("OK") && s.has("lastSyncAt") && s.has("nextSyncAt")
                && Instant.parse(s.get("nextSyncAt").asText()).isAfter(Instant.parse(s.get("lastSyncAt").asText()));
    }

    private Instant suiteNow() {
        return Instant.now().plus(offset);
    }

    private void moveClockBy(Duration by) throws Exception {
        offset = offset.plus(by);
        karaf.write("etc/org.omotenashi.clock.cfg", "offset = " + offset + "\n");
    }

    /**
     * After a move of more than a poll interval both instances poll: once TOPdesk's poll has ended at a time past the
     * move, the suite's clock has surely moved (the configuration is picked up from etc/ within a second or so).
     */
    private void awaitPollAfterClockMove() throws Exception {
        Instant moved = suiteNow().minusSeconds(5);
        awaitStatus("topdesk", s -> s.has("lastSyncAt") && !Instant.parse(s.get("lastSyncAt").asText()).isBefore(moved));
    }

    private void moveClockTo(Instant suiteTime) throws Exception {
        Duration needed = Duration.between(Instant.now(), suiteTime);
        if (needed.compareTo(offset) > 0) {
            moveClockBy(needed.minus(offset));
        }
    }

    private JsonNode status(String instance) throws Exception {
        return expect(200, send("GET", "/api/v1/connectors/" + instance, "deskadmin", null));
    }

    private JsonNode awaitStatus(String instance, Predicate<JsonNode> wanted) throws Exception {
        HttpResponse<String> response = http.await("/api/v1/connectors/" + instance, "deskadmin", "deskadmin", 200, WAIT,
                body -> {
                    try {
                        return wanted.test(JSON.readTree(body));
                    } catch (Exception e) {
                        return false;
                    }
                });
        return JSON.readTree(response.body());
    }

    private JsonNode sync(String instance) throws Exception {
        return expect(200, send("POST", "/api/v1/connectors/" + instance + "/sync", "deskadmin", null));
    }

    private JsonNode promise(String id) throws Exception {
        return expect(200, send("GET", "/api/v1/promises/" + id, "sales", null));
    }

    /** Waits until the connector has linked the item to a promise, and returns the promise's id. */
    private String awaitPromiseOf(String instance, String externalId) throws Exception {
        return await(instance + " item " + externalId + " with a promise", WAIT,
                () -> linkedItems(instance).stream()
                        .filter(item -> item.get("externalId").asText().equals(externalId) && item.hasNonNull("promiseId"))
                        .map(item -> item.get("promiseId").asText()).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    private List<JsonNode> linkedItems(String instance) {
        try {
            return items(instance, "LINKED");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the note about this change of the promise is delivered and no note about the promise is still
     * waiting; returns every note about the promise from the instance's write-back log.
     */
    private List<JsonNode> awaitNotesDelivered(String instance, String promiseId, String change) throws Exception {
        return await(instance + ": the " + change + " note of promise " + promiseId + " delivered and none pending", WAIT,
                () -> notesAbout(instance, promiseId),
                notes -> notes.stream().anyMatch(n -> n.get("change").asText().equals(change)
                        && n.get("status").asText().equals("DELIVERED"))
                        && notes.stream().noneMatch(n -> n.get("status").asText().equals("PENDING")));
    }

    /** Every note about the promise in the instance's write-back log. */
    private List<JsonNode> notesAbout(String instance, String promiseId) {
        List<JsonNode> notes = new ArrayList<>();
        for (JsonNode note : expect(200, send("GET", "/api/v1/connectors/" + instance + "/write-backs?limit=500",
                "deskadmin", null)).get("items")) {
            if (note.get("promiseId").asText().equals(promiseId)) {
                notes.add(note);
            }
        }
        return notes;
    }

    private List<JsonNode> items(String instance, String status) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        JSON.readTree(send("GET", "/api/v1/connectors/" + instance + "/items?limit=500" + (status == null ? "" : "&status=" + status),
                "deskadmin", null).body()).get("items").forEach(all::add);
        return all;
    }

    private List<String> itemIds(String instance) throws Exception {
        return itemIds(instance, null);
    }

    private List<String> itemIds(String instance, String status) throws Exception {
        List<String> ids = new ArrayList<>();
        items(instance, status).forEach(i -> ids.add(i.get("externalId").asText()));
        return ids;
    }

    private HttpResponse<String> event(String instance, String secret, String externalId, String user) {
        String body = body(externalId);
        return send("POST", "/api/v1/connectors/" + instance + "/events", user, body, signed(secret, body, suiteNow()));
    }

    private static String body(String externalId) {
        return "{\"externalId\":\"" + externalId + "\"}";
    }

    private HttpResponse<String> send(String method, String path, String user, String body, String... headers) {
        return http.send(method, path, user, user, body, headers);
    }

    /** Standard Webhooks headers for a body, computed here independently of the suite's own code. */
    private static String[] signed(String secret, String body, Instant at) {
        try {
            String id = "msg_" + UUID.randomUUID();
            long timestamp = at.getEpochSecond();
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
