package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/** The promise tracker over real HTTP and SOAP against the assembly: the contract integrators rely on. */
public class PromisesApiIT extends OmotenashiTestSupport {
    private static final String PROMISES = "/api/v1/promises";

    @Before
    public void endpointsAreUp() throws Exception {
        awaitHttp(PROMISES + "?limit=1", "sales", "sales", 200, Duration.ofSeconds(90));
        // The module publishes SOAP right after REST: wait for that address too.
        awaitHttp("/soap/promises?wsdl", "viewer", "viewer", 200, Duration.ofSeconds(30));
    }

    @After
    public void clockBackToNow() throws Exception {
        setClockOffset(Duration.ZERO);
    }

    static String promiseJson(String customer, Instant dueAt) {
        return "{\"customerId\":\"" + customer + "\",\"customerName\":\"Hotel Zon\",\"description\":\"Fix the lift\","
                + "\"expectation\":\"Working before the conference on Friday\",\"promisedBy\":\"anna\","
                + "\"owner\":\"team-north\",\"channel\":\"PHONE\",\"origin\":{\"type\":\"FM_WORK_ORDER\",\"ref\":\"WO-1\"},"
                + "\"dueAt\":\"" + dueAt + "\"}";
    }

    private JsonNode make(String customer, Instant dueAt) throws Exception {
        HttpResponse<String> created = send("POST", PROMISES, "sales", "sales", promiseJson(customer, dueAt));
        assertEquals(created.body(), 201, created.statusCode());
        return json(created);
    }

    private int countFor(String customer) throws Exception {
        return json(get(PROMISES + "?limit=500&customerId=" + customer, "sales", "sales")).get("items").size();
    }

    @Test
    public void aPromiseIsCreatedReadAndListed() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        Instant due = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> created = send("POST", PROMISES, "sales", "sales", promiseJson(customer, due));
        assertEquals(201, created.statusCode());
        JsonNode promise = json(created);
        String id = promise.get("id").asText();
        assertEquals("OPEN", promise.get("status").asText());
        assertEquals(due.toString(), promise.get("dueAt").asText());
        assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith(PROMISES + "/" + id));
        assertEquals("\"1\"", created.headers().firstValue("ETag").orElseThrow());

        HttpResponse<String> read = get(PROMISES + "/" + id, "integration", "integration");
        assertEquals(200, read.statusCode());
        assertEquals(promise, json(read));
        assertEquals("\"1\"", read.headers().firstValue("ETag").orElseThrow());

        JsonNode list = json(get(PROMISES + "?customerId=" + customer + "&status=OPEN&owner=team-north", "service", "service"));
        assertEquals(1, list.get("items").size());
        assertEquals(id, list.get("items").get(0).get("id").asText());
    }

    @Test
    public void pagesCoverEveryPromiseOnce() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        Set<String> made = new TreeSet<>();
        for (int i = 0; i < 5; i++) {
            made.add(make(customer, Instant.now().plus(Duration.ofDays(1 + i))).get("id").asText());
        }
        Set<String> seen = new TreeSet<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = json(get(PROMISES + "?limit=2&customerId=" + customer + (next == null ? "" : "&cursor=" + next),
                    "sales", "sales"));
            page.get("items").forEach(p -> seen.add(p.get("id").asText()));
            next = page.hasNonNull("next") ? page.get("next").asText() : null;
            pages++;
        } while (next != null);
        assertEquals(3, pages);
        assertEquals(made, seen);
    }

    @Test
    public void anIdempotencyKeyNeverMakesASecondPromise() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String body = promiseJson(customer, Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS));
        String key = "order-" + UUID.randomUUID();
        HttpResponse<String> first = send("POST", PROMISES, "sales", "sales", body, "Idempotency-Key", key);
        HttpResponse<String> again = send("POST", PROMISES, "sales", "sales", body, "Idempotency-Key", key);
        assertEquals(201, first.statusCode());
        assertEquals(201, again.statusCode());
        assertEquals(json(first).get("id"), json(again).get("id"));
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertProblem(send("POST", PROMISES, "sales", "sales", body.replace("Fix the lift", "Paint the hall"),
                "Idempotency-Key", key), 409);
        assertEquals(1, countFor(customer));
    }

    @Test
    public void keepRenegotiateAndCancelHonourIfMatch() throws Exception {
        JsonNode promise = make("c-" + UUID.randomUUID(), Instant.now().plus(Duration.ofDays(2)));
        String id = promise.get("id").asText();
        Instant newDue = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> moved = send("POST", PROMISES + "/" + id + "/renegotiate", "service", "service",
                "{\"newDueAt\":\"" + newDue + "\",\"reason\":\"part on back order, agreed by phone\"}", "If-Match", "\"1\"");
        assertEquals(moved.body(), 200, moved.statusCode());
        assertEquals("OPEN", json(moved).get("status").asText());
        assertEquals(newDue.toString(), json(moved).get("dueAt").asText());
        assertEquals(1, json(moved).get("renegotiations").size());

        assertProblem(send("POST", PROMISES + "/" + id + "/keep", "service", "service", "{}", "If-Match", "\"1\""), 412);
        assertEquals("OPEN", json(get(PROMISES + "/" + id, "sales", "sales")).get("status").asText());

        HttpResponse<String> kept = send("POST", PROMISES + "/" + id + "/keep", "service", "service",
                "{\"evidence\":\"WO-1 closed\"}", "If-Match", "\"2\"");
        assertEquals(200, kept.statusCode());
        assertEquals("KEPT", json(kept).get("status").asText());
        assertEquals("\"3\"", kept.headers().firstValue("ETag").orElseThrow());

        assertProblem(send("POST", PROMISES + "/" + id + "/cancel", "sales", "sales", "{\"reason\":\"too late\"}"), 409);
        JsonNode cancelled = make("c-" + UUID.randomUUID(), Instant.now().plus(Duration.ofDays(2)));
        String other = cancelled.get("id").asText();
        assertEquals(200, send("POST", PROMISES + "/" + other + "/cancel", "sales", "sales",
                "{\"reason\":\"customer withdrew\"}").statusCode());
        assertProblem(send("POST", PROMISES + "/" + other + "/keep", "sales", "sales", null), 409);
    }

    @Test
    public void badInputIsRefusedWithProblemsAndChangesNothing() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        HttpResponse<String> invalid = send("POST", PROMISES, "sales", "sales",
                "{\"customerId\":\"" + customer + "\",\"channel\":\"FAX\",\"dueAt\":\"tomorrow\"}");
        assertProblem(invalid, 400);
        List<String> fields = new ArrayList<>();
        json(invalid).get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertEquals(List.of("description", "promisedBy", "channel", "dueAt"), fields);

        assertProblem(send("POST", PROMISES, "sales", "sales", "{\"customerId\": "), 400);
        String huge = "{\"customerId\":\"" + "x".repeat(1_100_000) + "\"}";
        assertProblem(send("POST", PROMISES, "sales", "sales", huge), 413);
        assertProblem(send("POST", PROMISES, null, null, promiseJson(customer, Instant.now().plusSeconds(3600))), 401);
        assertProblem(send("POST", PROMISES, "sales", "wrong", promiseJson(customer, Instant.now().plusSeconds(3600))), 401);
        assertProblem(send("POST", PROMISES, "viewer", "viewer", promiseJson(customer, Instant.now().plusSeconds(3600))), 403);
        assertProblem(get(PROMISES + "/" + UUID.randomUUID(), "sales", "sales"), 404);
        assertProblem(get(PROMISES + "?status=SOMETIMES", "sales", "sales"), 400);
        assertProblem(get(PROMISES + "?cursor=garbage", "sales", "sales"), 400);

        JsonNode promise = make("c-" + UUID.randomUUID(), Instant.now().plus(Duration.ofDays(1)));
        assertProblem(send("POST", PROMISES + "/" + promise.get("id").asText() + "/keep", "integration", "integration", "{}"), 403);
        assertEquals("OPEN", json(get(PROMISES + "/" + promise.get("id").asText(), "sales", "sales")).get("status").asText());
        assertEquals(0, countFor(customer));
    }

    @Test
    public void statsCountPerOwnerAndGiveTheKeptOnTimeRate() throws Exception {
        String owner = "team-" + UUID.randomUUID();
        Instant due = Instant.now().plus(Duration.ofHours(2));
        String body = promiseJson("c-stats", due).replace("team-north", owner);
        String kept = json(send("POST", PROMISES, "sales", "sales", body)).get("id").asText();
        json(send("POST", PROMISES, "sales", "sales", body));
        send("POST", PROMISES + "/" + kept + "/keep", "sales", "sales", null);
        // Owners come a page at a time; paging through them all finds each once.
        String period = "&from=" + Instant.now().minus(Duration.ofDays(1)) + "&to=" + Instant.now().plus(Duration.ofDays(1));
        JsonNode group = null;
        java.util.Set<String> seen = new java.util.HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode stats = expect(200, get(PROMISES + "/stats?groupBy=owner&limit=2" + period + (cursor == null ? ""
                    : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)), "sales", "sales"));
            assertTrue(stats.toString(), stats.get("groups").size() <= 2);
            for (JsonNode g : stats.get("groups")) {
                assertTrue("twice: " + g, seen.add(g.get("key").asText()));
                if (g.get("key").asText().equals(owner)) {
                    group = g;
                }
            }
            cursor = stats.hasNonNull("next") ? stats.get("next").asText() : null;
            assertTrue("a bounded number of pages", ++pages < 1000);
        } while (cursor != null);
        assertNotNull(seen.toString(), group);
        assertEquals(1, group.get("kept").asInt());
        assertEquals(1, group.get("open").asInt());
        assertEquals(1.0, group.get("keptOnTimeRate").asDouble(), 1e-9);
    }

    @Test
    public void theSweepBreaksAnOverduePromiseAndAnnouncesIt() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, "omotenashi/promise/*");
        ServiceRegistration<EventHandler> listener = bundleContext.registerService(EventHandler.class, events::add, topics);
        try {
            configure("org.omotenashi.promises", "sweepIntervalSeconds", 1);
            String id = make("c-" + UUID.randomUUID(), Instant.now().plus(Duration.ofHours(2))).get("id").asText();
            awaitEvent(events, "omotenashi/promise/DUE_SOON", id);
            setClockOffset(Duration.ofHours(3));
            awaitEvent(events, "omotenashi/promise/BROKEN", id);
            JsonNode broken = json(get(PROMISES + "/" + id, "sales", "sales"));
            assertEquals("BROKEN", broken.get("status").asText());
            assertNotNull(broken.get("brokenAt"));
            HttpResponse<String> late = send("POST", PROMISES + "/" + id + "/keep", "service", "service", "{}");
            assertEquals("KEPT_LATE", json(late).get("status").asText());
            awaitEvent(events, "omotenashi/promise/KEPT_LATE", id);
            assertEquals(1, events.stream().filter(e -> e.getTopic().endsWith("DUE_SOON")
                    && id.equals(e.getProperty("promiseId"))).count());
        } finally {
            listener.unregister();
            configure("org.omotenashi.promises", "sweepIntervalSeconds", 15);
        }
    }

    private static void awaitEvent(List<Event> events, String topic, String promiseId) throws InterruptedException {
        Event e = awaitEvent(events, topic, "promiseId", promiseId);
        assertNotNull(e.getProperty("customerId"));
        assertNotNull(e.getProperty("owner"));
        assertNotNull(e.getProperty("dueAt"));
    }

    @Test
    public void soapMakesReadsListsAndChangesPromises() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        Instant due = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> made = soap("integration", "integration", "<p:makePromise><promise><customerId>" + customer
                + "</customerId><description>Clean the atrium glass</description><promisedBy>fm-system</promisedBy>"
                + "<owner>team-glass</owner><channel>FM_SYSTEM</channel><origin><type>FM_WORK_ORDER</type><ref>WO-991</ref>"
                + "</origin><dueAt>" + due + "</dueAt></promise></p:makePromise>");
        assertEquals(made.body(), 200, made.statusCode());
        String id = between(made.body(), "<id>", "</id>");
        assertTrue(made.body().contains("<status>OPEN</status>"));

        HttpResponse<String> read = soap("integration", "integration", "<p:getPromise><id>" + id + "</id></p:getPromise>");
        assertTrue(read.body(), read.body().contains("<ref>WO-991</ref>"));
        assertEquals(due.toString(), json(get(PROMISES + "/" + id, "sales", "sales")).get("dueAt").asText());

        HttpResponse<String> list = soap("service", "service", "<p:listPromises><filter><customerId>" + customer
                + "</customerId></filter></p:listPromises>");
        assertTrue(list.body(), list.body().contains("<id>" + id + "</id>"));

        Instant newDue = due.plus(Duration.ofDays(1));
        HttpResponse<String> moved = soap("service", "service", "<p:renegotiatePromise><id>" + id + "</id><newDueAt>"
                + newDue + "</newDueAt><reason>customer away</reason><expectedVersion>1</expectedVersion></p:renegotiatePromise>");
        assertTrue(moved.body(), moved.body().contains("<dueAt>" + newDue + "</dueAt>"));
        HttpResponse<String> stale = soap("service", "service", "<p:keepPromise><id>" + id
                + "</id><expectedVersion>1</expectedVersion></p:keepPromise>");
        assertSoapFault(stale, 412);
        HttpResponse<String> kept = soap("service", "service", "<p:keepPromise><id>" + id
                + "</id><evidence>photo</evidence><expectedVersion>2</expectedVersion></p:keepPromise>");
        assertTrue(kept.body(), kept.body().contains("<status>KEPT</status>"));
        assertSoapFault(soap("service", "service", "<p:cancelPromise><id>" + id + "</id><reason>x</reason></p:cancelPromise>"), 409);
    }

    @Test
    public void apiBundlesImportNothingOfJaxRs() {
        int apis = 0;
        for (Bundle bundle : bundleContext.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name != null && name.startsWith("org.omotenashi.") && name.endsWith("-api")) {
                String imports = String.valueOf(bundle.getHeaders("").get("Import-Package"));
                assertFalse(name + " imports " + imports,
                        imports.contains("javax.ws.rs") || imports.contains("org.omotenashi.core.rest"));
                apis++;
            }
        }
        assertTrue("the modules' API bundles are installed: " + apis, apis >= 4);
    }

    @Test
    public void soapRefusalsAreFaults() throws Exception {
        assertSoapFault(soap("integration", "integration", "<p:getPromise><id>" + UUID.randomUUID() + "</id></p:getPromise>"), 404);
        assertSoapFault(soap("integration", "wrong", "<p:getPromise><id>x</id></p:getPromise>"), 401);
        assertSoapFault(soap("viewer", "viewer", "<p:getPromise><id>x</id></p:getPromise>"), 403);
        assertSoapFault(soap("integration", "integration", "<p:keepPromise><id>x</id></p:keepPromise>"), 403);
        HttpResponse<String> invalid = soap("sales", "sales", "<p:makePromise><promise><customerId>c</customerId>"
                + "<dueAt>soon</dueAt></promise></p:makePromise>");
        assertSoapFault(invalid, 400);
        assertTrue(invalid.body(), invalid.body().contains("field=\"dueAt\""));
        String noToken = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<p:getPromise xmlns:p=\"urn:omotenashi:promises:1\"><id>x</id></p:getPromise></soap:Body></soap:Envelope>";
        assertSoapFault(postXml(noToken), 401);
        // A password that names no type is PasswordText, WS-Security's default: the caller gets in (and finds nothing).
        assertSoapFault(postXml("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Header>"
                + "<wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\">"
                + "<wsse:UsernameToken><wsse:Username>integration</wsse:Username><wsse:Password>integration</wsse:Password>"
                + "</wsse:UsernameToken></wsse:Security></soap:Header><soap:Body><p:getPromise xmlns:p=\"urn:omotenashi:promises:1\">"
                + "<id>x</id></p:getPromise></soap:Body></soap:Envelope>"), 404);
        String entity = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + noToken.replace("<id>x</id>", "<id>&e;</id>");
        HttpResponse<String> dtd = postXml(entity);
        assertSoapFault(dtd, 400);
        assertTrue(!dtd.body().contains("root:"));
        assertEquals(401, get("/soap/promises?wsdl", null, null).statusCode());
        HttpResponse<String> wsdl = get("/soap/promises?wsdl", "viewer", "viewer");
        assertEquals(200, wsdl.statusCode());
        assertTrue(wsdl.body().contains("makePromise") && wsdl.body().contains("renegotiatePromise"));
    }


    private HttpResponse<String> soap(String user, String password, String body) {
        return soap("/soap/promises", "p", "urn:omotenashi:promises:1", user, password, body);
    }

    private HttpResponse<String> postXml(String envelope) {
        return postEnvelope("/soap/promises", envelope);
    }

    @Test
    public void shellCommandsListKeepAndCount() throws Exception {
        String id = make("c-shell-" + UUID.randomUUID(), Instant.now().plus(Duration.ofHours(1))).get("id").asText();
        String forgotten = make("c-shell-" + UUID.randomUUID(), Instant.now().plus(Duration.ofHours(1))).get("id").asText();
        assertTrue(executeShell("promise:list --status OPEN --limit 500").contains(id));
        String kept = executeShell("promise:keep " + id + " \"called the customer\"");
        assertTrue(kept, kept.contains("KEPT"));
        assertEquals("KEPT", json(get(PROMISES + "/" + id, "sales", "sales")).get("status").asText());
        // Stats count promises by the date they came due: look from two hours on.
        setClockOffset(Duration.ofHours(2));
        awaitHttp(PROMISES + "/stats?groupBy=owner", "sales", "sales", 200, Duration.ofSeconds(10),
                body -> body.contains("team-north"));
        String stats = executeShell("promise:stats --group-by owner");
        assertTrue(stats, stats.contains("team-north"));
        // The clock is two hours on: the promise nobody kept breaks at the next sweep and shows as overdue.
        assertEquals(200, send("POST", PROMISES + "/sweep", "deskadmin", "deskadmin", null).statusCode());
        String overdue = executeShell("promise:overdue --owner team-north");
        assertTrue(overdue, overdue.contains(forgotten));
        assertFalse(overdue, overdue.contains(id));
    }

    @Test
    public void healthAndOpenApiDescribeTheDeployedModule() throws Exception {
        JsonNode health = json(get("/api/v1/health", "viewer", "viewer"));
        boolean promisesActive = false;
        for (JsonNode module : health.get("modules")) {
            promisesActive |= module.get("name").asText().equals("promises") && module.get("state").asText().equals("ACTIVE");
        }
        assertTrue(health.toString(), promisesActive);
        JsonNode openapi = json(get("/api/v1/openapi.json", "integration", "integration"));
        assertEquals("3.0.3", openapi.get("openapi").asText());
        assertTrue(openapi.get("paths").has("/promises/{id}/renegotiate"));
        assertProblem(get("/api/v1/health", null, null), 401);
    }
}
