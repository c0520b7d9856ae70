package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/** The handover module on the full assembly: lifecycle over REST and SOAP, checklist, ACK_OVERDUE, promises. */
public class HandoverIT extends OmotenashiTestSupport {
    static final String HANDOVERS = "/api/v1/handovers";
    static final String SOAP = "/soap/handovers";

    @Before
    public void moduleIsUp() throws Exception {
        awaitHttp(HANDOVERS + "?limit=1", "sales", "sales", 200, Duration.ofSeconds(90));
        awaitHttp(SOAP + "?wsdl", "viewer", "viewer", 200, Duration.ofSeconds(30));
        awaitHttp("/api/v1/promises?limit=1", "sales", "sales", 200, Duration.ofSeconds(90));
    }

    static String completeHandover(String dealRef, String customerId) {
        String due = Instant.now().plus(Duration.ofDays(60)).toString();
        return "{\"dealRef\":\"" + dealRef + "\",\"customerId\":\"" + customerId + "\",\"customerName\":\"Hotel Amstel\","
                + "\"serviceTeam\":\"facility-north\",\"contractStart\":\"2027-01-01\","
                + "\"contacts\":[{\"name\":\"Joost\",\"role\":\"facility manager\",\"email\":\"joost@example.org\"}],"
                + "\"expectations\":[{\"text\":\"The lobby is never dark\",\"importance\":\"MUST\"}],"
                + "\"promises\":[{\"description\":\"Replace the lobby lights\",\"dueAt\":\"" + due + "\"},"
                + "{\"description\":\"Quarterly review\",\"dueAt\":\"" + due + "\"}],"
                + "\"notes\":{\"access\":\"Service entrance at the back\"}}";
    }

    String create(String body) throws Exception {
        return expect(201, send("POST", HANDOVERS, "sales", "sales", body)).get("id").asText();
    }

    JsonNode promisesOf(String customerId) throws Exception {
        return expect(200, get("/api/v1/promises?limit=500&customerId=" + customerId, "service", "service")).get("items");
    }

    @Test
    public void theFullLifecycleOverRestHandsEachPromiseToTheTrackerOnce() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String id = create(completeHandover("D-" + UUID.randomUUID(), customer));
        String path = HANDOVERS + "/" + id;

        expect(412, send("POST", path + "/submit", "sales", "sales", null, "If-Match", "\"7\""));
        expect(200, send("POST", path + "/submit", "sales", "sales", null, "If-Match", "\"1\""));
        expect(409, send("PUT", path, "sales", "sales", completeHandover("x", customer)));
        expect(403, send("POST", path + "/acknowledge", "sales", "sales", null));
        JsonNode returned = expect(200, send("POST", path + "/return", "service", "service",
                "{\"questions\":[\"Which entrance do we use?\"]}"));
        assertEquals("RETURNED", returned.get("status").asText());
        String edited = completeHandover(returned.get("dealRef").asText(), customer)
                .replace("at the back", "at the back, code 4711");
        expect(200, send("PUT", path, "sales", "sales", edited, "If-Match", "\"" + returned.get("version").asText() + "\""));
        expect(200, send("POST", path + "/submit", "sales", "sales", "{\"comment\":\"Back entrance, code 4711\"}"));
        expect(200, send("POST", path + "/acknowledge", "service", "service", null));
        JsonNode accepted = expect(200, send("POST", path + "/accept", "service", "service", null));

        assertEquals("ACCEPTED", accepted.get("status").asText());
        List<String> steps = new ArrayList<>();
        accepted.get("history").forEach(t -> steps.add(t.get("to").asText() + " by " + t.get("by").asText()));
        assertEquals(List.of("DRAFT by sales", "SUBMITTED by sales", "RETURNED by service", "SUBMITTED by sales",
                "ACKNOWLEDGED by service", "ACCEPTED by service"), steps);
        JsonNode promises = promisesOf(customer);
        assertEquals(promises.toString(), 2, promises.size());
        for (JsonNode p : promises) {
            assertEquals("facility-north", p.get("owner").asText());
            assertEquals("SALES_HANDOVER", p.get("origin").get("type").asText());
            assertEquals(accepted.get("dealRef").asText(), p.get("origin").get("ref").asText());
        }
        assertNotNull(accepted.get("promises").get(0).get("promiseId"));

        expect(200, send("POST", path + "/accept", "service", "service", null));
        assertEquals(2, promisesOf(customer).size());
        JsonNode listed = expect(200, get(HANDOVERS + "?status=ACCEPTED&customerId=" + customer, "integration", "integration"));
        assertEquals(1, listed.get("items").size());
        JsonNode stats = expect(200, get(HANDOVERS + "/stats", "sales", "sales"));
        assertTrue(stats.toString(), stats.get("submitted").asLong() >= 1);
    }

    @Test
    public void anIncompleteSubmitIsRefusedWithTheMissingItemsAndChangesNothing() throws Exception {
        String id = create("{\"dealRef\":\"D-" + UUID.randomUUID() + "\",\"customerId\":\"c-1\",\"serviceTeam\":\"t\"}");
        HttpResponse<String> refused = send("POST", HANDOVERS + "/" + id + "/submit", "sales", "sales", null);
        JsonNode problem = expect(409, refused);
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        List<String> missing = new ArrayList<>();
        problem.get("errors").forEach(e -> missing.add(e.get("field").asText()));
        assertEquals(List.of("contacts", "expectations", "contractStart"), missing);
        JsonNode unchanged = expect(200, get(HANDOVERS + "/" + id, "sales", "sales"));
        assertEquals("DRAFT", unchanged.get("status").asText());
        assertEquals(1, unchanged.get("version").asInt());
        JsonNode invalid = expect(400, send("POST", HANDOVERS, "sales", "sales",
                "{\"customerId\":\"c-1\",\"contacts\":[{\"email\":\"nope\"}]}"));
        assertEquals(3, invalid.get("errors").size());
        expect(403, send("POST", HANDOVERS, "service", "service", completeHandover("D-x", "c-1")));
    }

    @Test
    public void theFullLifecycleOverSoap() throws Exception {
        HttpResponse<String> wsdl = get(SOAP + "?wsdl", "integration", "integration");
        assertEquals(wsdl.body(), 200, wsdl.statusCode());
        assertTrue(wsdl.body().contains("acceptHandover"));
        String customer = "c-" + UUID.randomUUID();
        String due = Instant.now().plus(Duration.ofDays(60)).toString();
        String created = soap("integration", "<h:createHandover><handover><h:dealRef>D-" + UUID.randomUUID()
                + "</h:dealRef><h:customerId>" + customer + "</h:customerId><h:serviceTeam>facility-south</h:serviceTeam>"
                + "<h:contractStart>2027-01-01</h:contractStart><h:contact><h:name>Fatima</h:name></h:contact>"
                + "<h:expectation><h:text>Quiet before 8</h:text><h:importance>SHOULD</h:importance></h:expectation>"
                + "<h:promise><h:description>Deep clean</h:description><h:dueAt>" + due + "</h:dueAt></h:promise>"
                + "</handover></h:createHandover>", 200);
        String id = between(created, "<ns2:id>", "</ns2:id>");
        String refused = soap("service", "<h:submitHandover><id>" + id + "</id></h:submitHandover>", 403);
        assertTrue(refused, refused.contains("soap:Fault"));
        soap("sales", "<h:submitHandover><id>" + id + "</id></h:submitHandover>", 200);
        soap("service", "<h:acknowledgeHandover><id>" + id + "</id></h:acknowledgeHandover>", 200);
        String stale = soap("service", "<h:acceptHandover><id>" + id + "</id><expectedVersion>1</expectedVersion>"
                + "</h:acceptHandover>", 412);
        assertTrue(stale, stale.contains("status=\"412\""));
        String accepted = soap("service", "<h:acceptHandover><id>" + id + "</id></h:acceptHandover>", 200);
        assertTrue(accepted, accepted.contains("<ns2:status>ACCEPTED</ns2:status>"));
        assertEquals(1, promisesOf(customer).size());
        String conflict = soap("service", "<h:acknowledgeHandover><id>" + id + "</id></h:acknowledgeHandover>", 409);
        assertTrue(conflict, conflict.contains("soap:Client"));
    }

    @Test
    public void ackOverdueIsRaisedOnceWhenTheBusinessHoursHavePassed() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, "omotenashi/handover/*");
        ServiceRegistration<EventHandler> listener = bundleContext.registerService(EventHandler.class, events::add, topics);
        try {
            configure("org.omotenashi.handover", "checkIntervalSeconds", 1);
            String first = create(completeHandover("D-" + UUID.randomUUID(), "c-late"));
            expect(200, send("POST", HANDOVERS + "/" + first + "/submit", "sales", "sales", null));
            awaitEvent(events, "omotenashi/handover/SUBMITTED", "handoverId", first);
            String pending = executeShell("handover:pending", "admin");
            assertTrue(pending, pending.contains(first));
            assertFalse(expect(200, get(HANDOVERS + "/" + first, "sales", "sales")).has("ackOverdueAt"));

            // A week on holds at least 8 business hours whatever the date and the Dutch holidays.
            setClockOffset(Duration.ofDays(7));
            awaitEvent(events, "omotenashi/handover/ACK_OVERDUE", "handoverId", first);
            assertTrue(expect(200, get(HANDOVERS + "/" + first, "sales", "sales")).has("ackOverdueAt"));

            // A second handover going overdue proves the watch ran again, without raising the first twice.
            String second = create(completeHandover("D-" + UUID.randomUUID(), "c-late"));
            expect(200, send("POST", HANDOVERS + "/" + second + "/submit", "sales", "sales", null));
            setClockOffset(Duration.ofDays(14));
            awaitEvent(events, "omotenashi/handover/ACK_OVERDUE", "handoverId", second);
            assertEquals(1, events.stream().filter(e -> e.getTopic().endsWith("ACK_OVERDUE")
                    && first.equals(e.getProperty("handoverId"))).count());
        } finally {
            listener.unregister();
            setClockOffset(Duration.ZERO);
            configure("org.omotenashi.handover", "checkIntervalSeconds", 15);
        }
    }

    @Test
    public void handoversSurviveAnUpdateOfTheModuleBundle() throws Exception {
        String id = create(completeHandover("D-" + UUID.randomUUID(), "c-update"));
        expect(200, send("POST", HANDOVERS + "/" + id + "/submit", "sales", "sales", null));
        JsonNode before = expect(200, get(HANDOVERS + "/" + id, "sales", "sales"));
        Bundle impl = bundle("org.omotenashi.omotenashi-handover-impl");
        executeShell("bundle:update " + impl.getBundleId(), "admin", "manager");
        HttpResponse<String> after = awaitHttp(HANDOVERS + "/" + id, "sales", "sales", 200, Duration.ofSeconds(60));
        assertEquals(before, json(after));
        assertEquals(Bundle.ACTIVE, bundle("org.omotenashi.omotenashi-handover-impl").getState());
    }

    Bundle bundle(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    String soap(String user, String operation, int expectedStatus) {
        HttpResponse<String> response = soap(SOAP, "h", "urn:omotenashi:handovers:1", user, user, operation);
        if (expectedStatus == 200) {
            assertEquals(response.body(), 200, response.statusCode());
        } else {
            assertSoapFault(response, expectedStatus);
        }
        return response.body();
    }
}
