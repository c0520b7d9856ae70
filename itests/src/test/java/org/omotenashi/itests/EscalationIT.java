package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.mail.Address;
import javax.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.omotenashi.core.calendar.BusinessCalendar;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Escalation rules on the assembly: real SMTP (GreenMail) and a real webhook receiver run inside the
 * container next to the module; business time is moved with the suite clock, never waited for.
 */
public class EscalationIT extends OmotenashiTestSupport {
    private static final String RULES = "/api/v1/escalation/rules";
    private static final String ESCALATIONS = "/api/v1/escalations";
    private static final String DELIVERIES = "/api/v1/escalation/deliveries";
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    // Karaf's bundle command ACL asks for manager (and systembundles), not only admin.
    private static final String[] BUNDLE_ROLES = {"admin", "manager", "viewer"};

    // One SMTP server for the container's life: the probe class stays loaded across the test methods.
    private static GreenMail smtp;

    @Configuration
    @Override
    public Option[] config() {
        // GreenMail 1.6 is javax.mail based, the namespace of the Jakarta Mail 1.6 the module installs.
        return OptionUtils.combine(super.config(), mavenBundle("com.icegreen", "greenmail", "1.6.15"));
    }

    @Before
    public void mailAndLocalWebhooksAreSetUp() throws Exception {
        awaitHttp(RULES, "deskadmin", "deskadmin", 200, Duration.ofSeconds(90));
        awaitHttp("/soap/escalations?wsdl", "viewer", "viewer", 200, Duration.ofSeconds(30));
        if (smtp == null) {
            GreenMail server = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
            smtp = server;
        }
        configure("org.omotenashi.escalation.mail", "host", "127.0.0.1", "port", smtp.getSmtp().getPort(),
                "from", "escalations@omotenashi.test");
        configure("org.omotenashi.escalation", "allowLocalWebhookTargets", true, "scheduleIntervalSeconds", 1);
        // A rule naming a loopback webhook is accepted once the configuration has reached the module.
        String local = rule("probe", "omotenashi/itprobe/FIRED", null,
                "[{\"type\":\"WEBHOOK\",\"url\":\"http://127.0.0.1:9/x\"}]", "");
        awaitTrue("local webhook targets allowed", WAIT,
                () -> send("POST", RULES + "/dry-run", "deskadmin", "deskadmin", local).statusCode() == 200);
    }

    @After
    public void clockBackToNow() throws Exception {
        moveClockTo(Duration.ZERO);
    }

    // ---- done means

    @Test
    public void aRuleFileInEtcIsPickedUpChangedAndRemovedWithoutARestart() throws Exception {
        String id = "file-" + UUID.randomUUID().toString().substring(0, 8);
        java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("karaf.etc"), "escalation-" + id + ".json");
        try {
            java.nio.file.Files.writeString(file, "{\"name\":\"From a file\",\"trigger\":\"omotenashi/fm/*\","
                    + "\"condition\":\"building == 'B-1'\",\"actions\":[{\"type\":\"RAISE\"}]}");
            awaitHttp("/api/v1/escalation/rules/" + id, "deskadmin", "deskadmin", 200, Duration.ofSeconds(30),
                    body -> body.contains("From a file"));
            assertEquals(409, send("DELETE", "/api/v1/escalation/rules/" + id, "deskadmin", "deskadmin", null).statusCode());

            java.nio.file.Files.writeString(file, "{\"name\":\"From a changed file\",\"trigger\":\"omotenashi/fm/*\","
                    + "\"actions\":[{\"type\":\"RAISE\"}]}");
            awaitHttp("/api/v1/escalation/rules/" + id, "deskadmin", "deskadmin", 200, Duration.ofSeconds(30),
                    body -> body.contains("From a changed file"));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        awaitHttp("/api/v1/escalation/rules/" + id, "deskadmin", "deskadmin", 404, Duration.ofSeconds(30));
    }

    @Test
    public void aBrokenPromiseEscalatesWithMailSignedWebhookAndReassignment() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String desk = "desk-" + UUID.randomUUID() + "@example.org";
        String secret = newSecret();
        try (Receiver receiver = Receiver.start(freePort())) {
            String rule = create(rule("Broken promise", "omotenashi/promise/BROKEN", "customerId == '" + customer + "'",
                    "[{\"type\":\"NOTIFY\",\"to\":[\"" + desk + "\"]},"
                            + "{\"type\":\"WEBHOOK\",\"url\":\"" + receiver.url() + "\",\"secret\":\"" + secret + "\"},"
                            + "{\"type\":\"REASSIGN\",\"owner\":\"service-teamlead\"}]", ""));
            try {
                configure("org.omotenashi.promises", "sweepIntervalSeconds", 1);
                HttpResponse<String> made = send("POST", "/api/v1/promises", "sales", "sales",
                        PromisesApiIT.promiseJson(customer, Instant.now().plus(Duration.ofHours(2))));
                assertEquals(made.body(), 201, made.statusCode());
                String promise = json(made).get("id").asText();
                moveClockTo(Duration.ofHours(3));

                JsonNode escalation = awaitEscalations(customer, 1).get(0);
                assertEquals("promise", escalation.get("subject").get("type").asText());
                assertEquals(promise, escalation.get("subject").get("ref").asText());
                assertEquals(rule, escalation.get("ruleId").asText());
                assertEquals("OPEN", escalation.get("status").asText());
                assertEquals(1, escalation.get("level").asInt());

                MimeMessage mail = awaitMails(desk, 1).get(0);
                assertTrue(mail.getSubject(), mail.getSubject().contains("Broken promise"));
                assertTrue(text(mail), text(mail).contains(escalation.get("id").asText()));

                Receiver.Call call = receiver.await(1).get(0);
                assertEquals(expectedSignature(secret, call), call.signature);
                JsonNode payload = JSON.readTree(call.body);
                assertEquals("escalation.opened", payload.get("type").asText());
                assertEquals(escalation.get("id").asText(), payload.get("data").get("escalationId").asText());
                assertEquals(customer, payload.get("data").get("customerId").asText());
                assertTrue(call.id.startsWith("msg_"));
                long skew = Math.abs(Long.parseLong(call.timestamp) - clock().instant().getEpochSecond());
                assertTrue("webhook-timestamp is the suite clock's time, off by " + skew + " s", skew < 120);

                awaitTrue("the promise is handed to the team lead", WAIT, () -> "service-teamlead".equals(
                        json(get("/api/v1/promises/" + promise, "sales", "sales")).get("owner").asText()));
                for (JsonNode d : awaitDeliveries(escalation.get("id").asText(), 3,
                        d -> "DELIVERED".equals(d.get("status").asText()))) {
                    assertEquals(d.toString(), 1, d.get("attempts").asInt());
                }
            } finally {
                configure("org.omotenashi.promises", "sweepIntervalSeconds", 15);
                delete(rule);
            }
        }
    }

    @Test
    public void aRuleWithASyntaxErrorIsRefusedAndNothingIsStored() throws Exception {
        String name = "Broken syntax " + UUID.randomUUID();
        HttpResponse<String> refused = send("POST", RULES, "deskadmin", "deskadmin",
                rule(name, "omotenashi/promise/BROKEN", "segment == ", "[{\"type\":\"NOTIFY\",\"to\":[\"a@example.org\"]}]", ""));
        assertProblem(refused, 400);
        List<String> fields = new ArrayList<>();
        json(refused).get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertEquals(List.of("condition"), fields);
        // Java reached from a condition is refused as well, not only bad syntax.
        assertProblem(send("POST", RULES, "deskadmin", "deskadmin", rule(name, "omotenashi/promise/BROKEN",
                "''.getClass().forName('java.lang.Runtime') != null", "[{\"type\":\"NOTIFY\",\"to\":[\"a@example.org\"]}]", "")), 400);
        assertFalse(get(RULES, "deskadmin", "deskadmin").body().contains(name));
    }

    @Test
    public void deduplicationAndCooldownHold() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String rule = create(rule("Dedup", "omotenashi/itdedup/FIRED", null,
                "[{\"type\":\"NOTIFY\",\"to\":[\"dedup@example.org\"]}]", ",\"cooldown\":\"PT1H\""));
        try {
            fire("omotenashi/itdedup/FIRED", "s1", customer);
            fire("omotenashi/itdedup/FIRED", "s1", customer);
            List<JsonNode> open = awaitEscalations(customer, 1);
            String first = open.get(0).get("id").asText();
            assertEquals(200, send("POST", ESCALATIONS + "/" + first + "/resolve", "service", "service", "{}").statusCode());
            fire("omotenashi/itdedup/FIRED", "s1", customer);
            assertEquals("resolved, but within the cooldown", 1, escalations(customer).size());

            moveClockTo(Duration.ofMinutes(90));
            fire("omotenashi/itdedup/FIRED", "s1", customer);
            fire("omotenashi/itdedup/FIRED", "s1", customer);
            List<JsonNode> after = awaitEscalations(customer, 2);
            assertEquals("OPEN", after.get(0).get("status").asText());
            assertEquals("RESOLVED", after.get(1).get("status").asText());
            // Another subject is another escalation, cooldown or not.
            fire("omotenashi/itdedup/FIRED", "s2", customer);
            assertEquals(3, escalations(customer).size());
        } finally {
            delete(rule);
        }
    }

    @Test
    public void aFacilitySystemPushesAnEventThatOpensAnEscalationButMayNotForgeSuiteEvents() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String rule = create(rule("Late work order", "omotenashi/fm/*", "customerId == '" + customer + "' && hoursLate > 4",
                "[{\"type\":\"RAISE\"}]", ""));
        try {
            String late = "{\"topic\":\"omotenashi/fm/WORK_ORDER_LATE\",\"properties\":{\"fmId\":\"WO-1\","
                    + "\"customerId\":\"" + customer + "\",\"hoursLate\":5}}";
            HttpResponse<String> pushed = send("POST", "/api/v1/escalation/events", "integration", "integration", late);
            assertEquals(pushed.body(), 200, pushed.statusCode());
            assertEquals(1, json(pushed).get("matchedRules").asInt());
            assertEquals(1, json(pushed).get("opened").size());
            JsonNode escalation = escalations(customer).get(0);
            assertEquals(json(pushed).get("opened").get(0).asText(), escalation.get("id").asText());
            assertEquals("fm", escalation.get("subject").get("type").asText());
            assertEquals("WO-1", escalation.get("subject").get("ref").asText());

            HttpResponse<String> again = send("POST", "/api/v1/escalation/events", "deskadmin", "deskadmin", late);
            assertEquals(again.body(), 200, again.statusCode());
            assertEquals("deduplicated", 1, json(again).get("suppressed").asInt());
            assertProblem(send("POST", "/api/v1/escalation/events", "service", "service", late), 403);
            HttpResponse<String> forged = send("POST", "/api/v1/escalation/events", "integration", "integration",
                    "{\"topic\":\"omotenashi/promise/BROKEN\",\"properties\":{\"promiseId\":\"p-1\"}}");
            assertProblem(forged, 400);
            assertEquals("topic", json(forged).get("errors").get(0).get("field").asText());
            assertEquals(1, escalations(customer).size());
        } finally {
            delete(rule);
        }
    }

    @Test
    public void aReceiverThatWasDownGetsEachDeliveryOnceById() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        int port = freePort();
        String secret = newSecret();
        String rule = create(rule("Receiver down", "omotenashi/itdown/FIRED", null,
                "[{\"type\":\"WEBHOOK\",\"url\":\"http://127.0.0.1:" + port + "/hook\",\"secret\":\"" + secret + "\"}]", ""));
        try {
            fire("omotenashi/itdown/FIRED", "s1", customer);
            fire("omotenashi/itdown/FIRED", "s2", customer);
            List<JsonNode> opened = awaitEscalations(customer, 2);
            Set<String> ids = new TreeSet<>();
            for (JsonNode e : opened) {
                JsonNode d = awaitDeliveries(e.get("id").asText(), 1, x -> x.get("attempts").asInt() >= 1).get(0);
                assertEquals("PENDING", d.get("status").asText());
                assertFalse(d.toString(), d.get("lastError").isNull());
                ids.add(d.get("id").asText());
            }
            try (Receiver receiver = Receiver.start(port)) {
                moveClockTo(Duration.ofHours(2));
                receiver.await(2);
                moveClockTo(Duration.ofHours(6));
                for (JsonNode e : opened) {
                    JsonNode d = awaitDeliveries(e.get("id").asText(), 1, x -> "DELIVERED".equals(x.get("status").asText())).get(0);
                    assertTrue(d.toString(), d.get("attemptLog").size() >= 2);
                }
                // Two more runs of the outbox: a delivered call that is sent again would show now.
                runDeliveries();
                runDeliveries();
                List<String> seen = new ArrayList<>();
                for (Receiver.Call call : receiver.calls) {
                    seen.add(call.id);
                    assertEquals(expectedSignature(secret, call), call.signature);
                }
                assertEquals(new ArrayList<>(ids), seen.stream().sorted().toList());
            }
        } finally {
            delete(rule);
        }
    }

    @Test
    public void anUnacknowledgedEscalationMovesUpALevelInBusinessTime() throws Exception {
        BusinessCalendar calendar = calendar();
        LocalDate day = LocalDate.now(AMSTERDAM).plusDays(1);
        while (!isWorkingDay(calendar, day) || !isWorkingDay(calendar, day.plusDays(1))) {
            day = day.plusDays(1);
        }
        String customer = "c-" + UUID.randomUUID();
        String desk = "desk-" + UUID.randomUUID() + "@example.org";
        String lead = "lead-" + UUID.randomUUID() + "@example.org";
        String rule = create(rule("Moves up", "omotenashi/itlevel/FIRED", null, "[{\"type\":\"NOTIFY\"}]",
                ",\"levels\":[{\"level\":1,\"recipients\":[\"" + desk + "\"],\"acknowledgeWithin\":\"PT1H\"},"
                        + "{\"level\":2,\"recipients\":[\"" + lead + "\"],\"acknowledgeWithin\":\"PT4H\"}]"));
        try {
            moveClockTo(at(day, 16, 30));
            fire("omotenashi/itlevel/FIRED", "s1", customer);
            fire("omotenashi/itlevel/FIRED", "s2", customer);
            List<JsonNode> opened = awaitEscalations(customer, 2);
            String s1 = idOf(opened, "s1");
            String s2 = idOf(opened, "s2");
            assertEquals(200, send("POST", ESCALATIONS + "/" + s2 + "/acknowledge", "service", "service",
                    "{\"note\":\"on it\"}").statusCode());
            awaitMails(desk, 2);

            // 30 minutes before closing and 20 after opening: 50 minutes of business time, the night does not count.
            moveClockTo(at(day.plusDays(1), 9, 20));
            // Other tests' escalations share the module, so the run's own count says nothing about s1.
            runSchedule();
            assertEquals(1, escalation(s1).get("level").asInt());

            moveClockTo(at(day.plusDays(1), 9, 45));
            awaitTrue("s1 moves to level 2", WAIT, () -> escalationQuietly(s1).get("level").asInt() == 2);
            JsonNode raised = escalation(s1);
            assertEquals("OPEN", raised.get("status").asText());
            assertEquals("RAISED", raised.get("history").get(raised.get("history").size() - 1).get("event").asText());
            MimeMessage mail = awaitMails(lead, 1).get(0);
            assertTrue(mail.getSubject(), mail.getSubject().contains("level 2"));
            JsonNode acknowledged = escalation(s2);
            assertEquals(1, acknowledged.get("level").asInt());
            assertEquals("ACKNOWLEDGED", acknowledged.get("status").asText());
        } finally {
            delete(rule);
        }
    }

    @Test
    public void aBusinessHoursOnlyRuleFiringOnSaturdayDeliversOnMondayAtNine() throws Exception {
        BusinessCalendar calendar = calendar();
        LocalDate saturday = LocalDate.now(AMSTERDAM).plusDays(1);
        while (saturday.getDayOfWeek() != DayOfWeek.SATURDAY || calendar.isHoliday(saturday.plusDays(2))) {
            saturday = saturday.plusDays(1);
        }
        LocalDate monday = saturday.plusDays(2);
        Instant mondayNine = ZonedDateTime.of(monday, LocalTime.of(9, 0), AMSTERDAM).toInstant();
        String customer = "c-" + UUID.randomUUID();
        String desk = "weekend-" + UUID.randomUUID() + "@example.org";
        String rule = create(rule("Weekend", "omotenashi/itweekend/FIRED", null,
                "[{\"type\":\"NOTIFY\",\"to\":[\"" + desk + "\"]}]", ",\"businessHoursOnly\":true"));
        try {
            moveClockTo(at(saturday, 11, 0));
            fire("omotenashi/itweekend/FIRED", "s1", customer);
            String escalation = awaitEscalations(customer, 1).get(0).get("id").asText();
            JsonNode waiting = awaitDeliveries(escalation, 1, d -> true).get(0);
            assertEquals("PENDING", waiting.get("status").asText());
            assertEquals(mondayNine, Instant.parse(waiting.get("notBefore").asText()));
            runDeliveries();
            assertEquals("no mail on Saturday", 0, mails(desk).size());

            moveClockTo(Duration.between(Instant.now(), mondayNine.minusSeconds(120)));
            runDeliveries();
            assertEquals("no mail before nine on Monday", 0, mails(desk).size());

            moveClockTo(Duration.between(Instant.now(), mondayNine.plusSeconds(5)));
            awaitMails(desk, 1);
            JsonNode sent = awaitDeliveries(escalation, 1, d -> "DELIVERED".equals(d.get("status").asText())).get(0);
            assertFalse(Instant.parse(sent.get("deliveredAt").asText()).isBefore(mondayNine));
        } finally {
            delete(rule);
        }
    }

    /**
     * A full process restart cannot happen inside Pax Exam; stopping, starting and updating the module's
     * bundle while deliveries wait shows that the outbox lives in the database, not in the worker.
     */
    @Test
    public void pendingDeliveriesSurviveStoppingStartingAndUpdatingTheModule() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        int port = freePort();
        String rule = create(rule("Survives restart", "omotenashi/itrestart/FIRED", null,
                "[{\"type\":\"WEBHOOK\",\"url\":\"http://127.0.0.1:" + port + "/hook\"}]", ""));
        try {
            fire("omotenashi/itrestart/FIRED", "s1", customer);
            String first = awaitEscalations(customer, 1).get(0).get("id").asText();
            awaitDeliveries(first, 1, d -> d.get("attempts").asInt() >= 1);

            Bundle impl = implementationBundle();
            executeShell("bundle:stop " + impl.getBundleId(), BUNDLE_ROLES);
            assertEquals(404, get(RULES, "deskadmin", "deskadmin").statusCode());
            executeShell("bundle:start " + impl.getBundleId(), BUNDLE_ROLES);
            awaitHttp(RULES, "deskadmin", "deskadmin", 200, Duration.ofSeconds(60));
            fire("omotenashi/itrestart/FIRED", "s2", customer);
            String second = awaitEscalations(customer, 2).get(0).get("id").asText();

            executeShell("bundle:update " + impl.getBundleId(), BUNDLE_ROLES);
            awaitHttp(RULES, "deskadmin", "deskadmin", 200, Duration.ofSeconds(60));
            assertEquals(Bundle.ACTIVE, implementationBundle().getState());
            try (Receiver receiver = Receiver.start(port)) {
                moveClockTo(Duration.ofHours(2));
                receiver.await(2);
                awaitDeliveries(first, 1, d -> "DELIVERED".equals(d.get("status").asText()));
                awaitDeliveries(second, 1, d -> "DELIVERED".equals(d.get("status").asText()));
                runDeliveries();
                runDeliveries();
                assertEquals(2, receiver.calls.size());
                assertEquals(2, receiver.calls.stream().map(c -> c.id).distinct().count());
            }
        } finally {
            delete(rule);
        }
    }

    // ---- contracts

    @Test
    public void restRolesGuardRulesEscalationsAndDeliveries() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String body = rule("Roles", "omotenashi/itroles/FIRED", null,
                "[{\"type\":\"WEBHOOK\",\"url\":\"https://facility.example.org/hook\"}]", "");
        assertProblem(send("POST", RULES, "service", "service", body), 403);
        assertProblem(send("POST", RULES, "integration", "integration", body), 403);
        assertProblem(send("POST", RULES, null, null, body), 401);
        HttpResponse<String> created = send("POST", RULES, "deskadmin", "deskadmin", body);
        assertEquals(created.body(), 201, created.statusCode());
        String rule = json(created).get("id").asText();
        String secret = json(created).get("actions").get(0).get("secret").asText();
        try {
            assertTrue(secret, secret.startsWith("whsec_") && !secret.equals("whsec_********"));
            assertProblem(get(RULES, "viewer", "viewer"), 403);
            assertEquals("whsec_********", json(get(RULES + "/" + rule, "integration", "integration"))
                    .get("actions").get(0).get("secret").asText());
            assertEquals(200, get(RULES, "service", "service").statusCode());
            assertEquals(secret, json(get(RULES + "/" + rule, "deskadmin", "deskadmin")).get("actions").get(0).get("secret").asText());
            String masked = body.replace("\"url\"", "\"secret\":\"whsec_********\",\"url\"").replace("Roles", "Roles renamed");
            assertProblem(send("PUT", RULES + "/" + rule, "service", "service", masked), 403);
            HttpResponse<String> updated = send("PUT", RULES + "/" + rule, "deskadmin", "deskadmin", masked, "If-Match", "\"1\"");
            assertEquals(updated.body(), 200, updated.statusCode());
            assertEquals("the mask keeps the stored secret", secret, json(updated).get("actions").get(0).get("secret").asText());
            assertProblem(send("POST", RULES + "/" + rule + "/dry-run", "service", "service", null), 403);
            assertProblem(send("POST", "/api/v1/escalation/deliveries/run", "service", "service", null), 403);
            assertProblem(send("POST", "/api/v1/escalation/deliveries/run", null, null, null), 401);
            assertProblem(send("POST", "/api/v1/escalation/sweep", "integration", "integration", null), 403);

            fire("omotenashi/itroles/FIRED", "s1", customer);
            String id = awaitEscalations(customer, 1).get(0).get("id").asText();
            assertProblem(get(ESCALATIONS + "?customerId=" + customer, "viewer", "viewer"), 403);
            assertEquals(200, get(ESCALATIONS + "/" + id, "integration", "integration").statusCode());
            assertProblem(send("POST", ESCALATIONS + "/" + id + "/acknowledge", "integration", "integration", "{}"), 403);
            assertProblem(send("POST", ESCALATIONS + "/" + id + "/acknowledge", "viewer", "viewer", "{}"), 403);
            HttpResponse<String> acknowledged = send("POST", ESCALATIONS + "/" + id + "/acknowledge", "service", "service",
                    "{\"note\":\"calling the customer\"}");
            assertEquals(acknowledged.body(), 200, acknowledged.statusCode());
            assertEquals("ACKNOWLEDGED", json(acknowledged).get("status").asText());
            assertProblem(send("POST", ESCALATIONS + "/" + id + "/acknowledge", "service", "service", "{}"), 409);
            assertProblem(send("POST", ESCALATIONS + "/" + id + "/resolve", "integration", "integration", "{}"), 403);
            assertEquals("RESOLVED", json(send("POST", ESCALATIONS + "/" + id + "/resolve", "deskadmin", "deskadmin", null))
                    .get("status").asText());
            assertProblem(get(ESCALATIONS + "/" + UUID.randomUUID(), "service", "service"), 404);
            assertProblem(get(ESCALATIONS + "?status=SOMETIMES", "service", "service"), 400);

            assertEquals(200, get(DELIVERIES + "?status=PENDING", "integration", "integration").statusCode());
            assertProblem(get(DELIVERIES, "viewer", "viewer"), 403);
            assertProblem(get(DELIVERIES + "?status=LOST", "service", "service"), 400);

            JsonNode dryRun = json(send("POST", RULES + "/" + rule + "/dry-run", "deskadmin", "deskadmin", null));
            assertEquals(dryRun.toString(), 1, dryRun.get("matches").size());
            assertProblem(send("DELETE", RULES + "/" + rule, "service", "service", null), 403);
        } finally {
            delete(rule);
        }
        assertProblem(get(RULES + "/" + rule, "deskadmin", "deskadmin"), 404);
    }

    @Test
    public void soapListsAcknowledgesAndResolvesWithAUsernameToken() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String rule = create(rule("Soap", "omotenashi/itsoap/FIRED", null,
                "[{\"type\":\"NOTIFY\",\"to\":[\"soap@example.org\"]}]", ""));
        try {
            fire("omotenashi/itsoap/FIRED", "s1", customer);
            fire("omotenashi/itsoap/FIRED", "s2", customer);
            List<JsonNode> opened = awaitEscalations(customer, 2);
            String s1 = idOf(opened, "s1");
            String s2 = idOf(opened, "s2");

            HttpResponse<String> list = soap("integration", "integration", "<e:listEscalations><filter><e:customerId>"
                    + customer + "</e:customerId></filter></e:listEscalations>");
            assertEquals(list.body() + wsdl(), 200, list.statusCode());
            assertTrue(list.body(), list.body().contains(s1) && list.body().contains(s2));

            HttpResponse<String> acknowledged = soap("service", "service",
                    "<e:acknowledge><id>" + s1 + "</id><note>on it</note></e:acknowledge>");
            assertEquals(acknowledged.body() + wsdl(), 200, acknowledged.statusCode());
            assertTrue(acknowledged.body(), acknowledged.body().contains("ACKNOWLEDGED"));
            assertEquals("ACKNOWLEDGED", escalation(s1).get("status").asText());
            assertEquals("service", escalation(s1).get("history").get(1).get("by").asText());
            // The filter's fields are read: only this customer's OPEN escalation is listed.
            HttpResponse<String> open = soap("service", "service", "<e:listEscalations><filter><e:customerId>" + customer
                    + "</e:customerId><e:status>OPEN</e:status></filter></e:listEscalations>");
            assertTrue(open.body(), open.body().contains(s2) && !open.body().contains(s1));

            HttpResponse<String> resolved = soap("service", "service", "<e:resolve><id>" + s2 + "</id></e:resolve>");
            assertTrue(resolved.body(), resolved.body().contains("RESOLVED"));
            assertSoapFault(soap("service", "service", "<e:resolve><id>" + s2 + "</id></e:resolve>"), 409);
            assertSoapFault(soap("integration", "integration", "<e:acknowledge><id>" + s1 + "</id></e:acknowledge>"), 403);
            assertSoapFault(soap("service", "wrong", "<e:resolve><id>" + s1 + "</id></e:resolve>"), 401);
            assertSoapFault(soap("service", "service", "<e:resolve><id>" + UUID.randomUUID() + "</id></e:resolve>"), 404);
            assertEquals("ACKNOWLEDGED", escalation(s1).get("status").asText());
        } finally {
            delete(rule);
        }
    }

    @Test
    public void shellCommandsShowRulesEscalationsDeliveriesAndDryRuns() throws Exception {
        String customer = "c-shell-" + UUID.randomUUID().toString().substring(0, 8);
        String rule = create(rule("Shell rule", "omotenashi/itshell/FIRED", null,
                "[{\"type\":\"NOTIFY\",\"to\":[\"shell@example.org\"]}]", ""));
        try {
            fire("omotenashi/itshell/FIRED", "s1", customer);
            String escalation = awaitEscalations(customer, 1).get(0).get("id").asText();
            awaitDeliveries(escalation, 1, d -> "DELIVERED".equals(d.get("status").asText()));
            String rules = executeShell("escalation:rules");
            assertTrue(rules, rules.contains(rule) && rules.contains("Shell rule"));
            String list = executeShell("escalation:list --customer " + customer);
            assertTrue(list, list.contains(escalation));
            String deliveries = executeShell("escalation:deliveries --status DELIVERED --limit 500");
            assertTrue(deliveries, deliveries.contains(escalation));
            String dryRun = executeShell("escalation:dry-run " + rule);
            assertTrue(dryRun, dryRun.contains("s1"));
        } finally {
            delete(rule);
        }
    }

    // ---- rules, events, escalations

    private static String rule(String name, String topic, String condition, String actions, String more) {
        return "{\"name\":\"" + name + "\",\"trigger\":\"" + topic + "\""
                + (condition == null ? "" : ",\"condition\":\"" + condition.replace("\"", "\\\"") + "\"")
                + ",\"actions\":" + actions + more + "}";
    }

    private String create(String body) throws Exception {
        HttpResponse<String> created = send("POST", RULES, "deskadmin", "deskadmin", body);
        assertEquals(created.body(), 201, created.statusCode());
        return json(created).get("id").asText();
    }

    private void delete(String rule) {
        send("DELETE", RULES + "/" + rule, "deskadmin", "deskadmin", null);
    }

    /** Sends an event the way another module would; sendEvent returns once the rules have seen it. */
    private void fire(String topic, String id, String customer) {
        ServiceReference<EventAdmin> ref = bundleContext.getServiceReference(EventAdmin.class);
        EventAdmin events = bundleContext.getService(ref);
        try {
            Map<String, Object> properties = new HashMap<>();
            properties.put("id", id);
            properties.put("customerId", customer);
            events.sendEvent(new Event(topic, properties));
        } finally {
            bundleContext.ungetService(ref);
        }
    }

    private List<JsonNode> escalations(String customer) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        json(get(ESCALATIONS + "?limit=500&customerId=" + customer, "service", "service")).get("items").forEach(items::add);
        return items;
    }

    private List<JsonNode> awaitEscalations(String customer, int count) throws Exception {
        List<JsonNode> found = await("escalations of " + customer, WAIT, () -> {
            try {
                return escalations(customer);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, l -> l.size() >= count);
        assertEquals(found.toString(), count, found.size());
        return found;
    }

    private JsonNode escalation(String id) throws Exception {
        HttpResponse<String> read = get(ESCALATIONS + "/" + id, "service", "service");
        assertEquals(read.body(), 200, read.statusCode());
        return json(read);
    }

    private JsonNode escalationQuietly(String id) {
        return json(get(ESCALATIONS + "/" + id, "service", "service"));
    }

    private static String idOf(List<JsonNode> escalations, String subjectRef) {
        return escalations.stream().filter(e -> e.get("subject").get("ref").asText().equals(subjectRef))
                .findFirst().orElseThrow().get("id").asText();
    }

    private List<JsonNode> deliveries(String escalationId) {
        List<JsonNode> items = new ArrayList<>();
        json(get(DELIVERIES + "?limit=500", "deskadmin", "deskadmin")).get("items").forEach(d -> {
            if (d.get("escalationId").asText().equals(escalationId)) {
                items.add(d);
            }
        });
        return items;
    }

    /** Waits until the escalation has {@code count} deliveries and each satisfies {@code ready}. */
    private List<JsonNode> awaitDeliveries(String escalationId, int count, Predicate<JsonNode> ready)
            throws InterruptedException {
        return await("deliveries of " + escalationId, WAIT, () -> deliveries(escalationId),
                l -> l.size() == count && l.stream().allMatch(ready));
    }

    private Bundle implementationBundle() {
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getLocation().contains("omotenashi-escalation-impl")) {
                return b;
            }
        }
        throw new AssertionError("the escalation implementation bundle is not installed");
    }

    // ---- time

    private Clock clock() {
        ServiceReference<Clock> ref = bundleContext.getServiceReference(Clock.class);
        assertNotNull("the suite clock service", ref);
        return bundleContext.getService(ref);
    }

    private BusinessCalendar calendar() {
        ServiceReference<BusinessCalendar> ref = bundleContext.getServiceReference(BusinessCalendar.class);
        assertNotNull("the business calendar service", ref);
        return bundleContext.getService(ref);
    }

    private static boolean isWorkingDay(BusinessCalendar calendar, LocalDate day) {
        return day.getDayOfWeek().getValue() <= 5 && !calendar.isHoliday(day);
    }

    private static Duration at(LocalDate day, int hour, int minute) {
        return Duration.between(Instant.now(), ZonedDateTime.of(day, LocalTime.of(hour, minute), AMSTERDAM).toInstant());
    }

    /** Runs the module's schedule once now: time triggers, then moves up a level; it returns when done. */
    private void runSchedule() throws IOException {
        HttpResponse<String> run = send("POST", "/api/v1/escalation/sweep", "deskadmin", "deskadmin", "{}");
        assertEquals(run.body(), 200, run.statusCode());
        assertTrue(run.body(), json(run).has("raised"));
    }

    /** Runs the outbox once now: when it returns, every delivery due by the suite clock has been attempted. */
    private void runDeliveries() throws IOException {
        HttpResponse<String> run = send("POST", "/api/v1/escalation/deliveries/run", "deskadmin", "deskadmin", "{}");
        assertEquals(run.body(), 200, run.statusCode());
    }

    /** Moves the suite clock and waits until the clock service shows it. */
    private void moveClockTo(Duration offset) throws Exception {
        setClockOffset(offset);
        Clock clock = clock();
        awaitTrue("the clock moved by " + offset, WAIT, () -> Math.abs(Duration.between(
                Instant.now().plus(offset), clock.instant()).toMillis()) < 5000);
    }

    // ---- mail and webhooks

    private static List<MimeMessage> mails(String to) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            for (Address a : m.getAllRecipients()) {
                if (a.toString().equals(to)) {
                    found.add(m);
                }
            }
        }
        return found;
    }

    /** The decoded text of a plain-text mail. */
    private static String text(MimeMessage mail) throws Exception {
        Object content = mail.getContent();
        return content instanceof String s ? s
                : new String(((java.io.InputStream) content).readAllBytes(), StandardCharsets.UTF_8);
    }

    private static List<MimeMessage> awaitMails(String to, int count) throws InterruptedException {
        List<MimeMessage> found = await("mails to " + to, WAIT, () -> {
            try {
                return mails(to);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, l -> l.size() >= count);
        assertEquals(count, found.size());
        return found;
    }

    private static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** Standard Webhooks: base64(HMAC-SHA256(key, id.timestamp.body)), the key being the base64 after whsec_. */
    private static String expectedSignature(String secret, Receiver.Call call) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] digest = mac.doFinal((call.id + "." + call.timestamp + "." + call.body).getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(digest);
    }

    /** A webhook receiver on a loopback port, answering 204 and recording every call. */
    static final class Receiver implements AutoCloseable {
        record Call(String id, String timestamp, String signature, String body) {
        }

        final List<Call> calls = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        private Receiver(HttpServer server) {
            this.server = server;
        }

        static Receiver start(int port) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            Receiver receiver = new Receiver(server);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                receiver.calls.add(new Call(exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"), body));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        List<Call> await(int count) throws InterruptedException {
            return OmotenashiTestSupport.await("webhook calls", WAIT, () -> new ArrayList<>(calls), l -> l.size() >= count);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    // ---- SOAP

    private HttpResponse<String> soap(String user, String password, String body) {
        return soap("/soap/escalations", "e", "urn:omotenashi:escalations:1", user, password, body);
    }

    private String wsdl() {
        return "\nWSDL: " + get("/soap/escalations?wsdl", "viewer", "viewer").body();
    }

}
