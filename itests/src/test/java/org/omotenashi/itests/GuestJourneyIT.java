package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.Before;
import org.junit.Test;
import org.omotenashi.core.webhook.WebhookSignature;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.osgi.framework.Bundle;

/**
 * One guest's whole journey on the assembly, as the product promises it: a handover with a contact and a promise
 * is submitted, acknowledged and accepted; the promise, now the service team's, is kept; the contact gets the
 * survey invitation by mail (GreenMail) and answers NPS 3 in Chromium on the guest page; the DETRACTOR event
 * opens an escalation whose signed webhook reaches a receiver; the customer's timeline shows every step in order,
 * with who took it. Then the same journey with the survey module updated and the escalation module stopped and
 * started between the steps, and the contact budget holding an invitation back while an escalation is open.
 */
public class GuestJourneyIT extends OmotenashiTestSupport {
    private static final Duration JOURNEY_WAIT = Duration.ofSeconds(60);
    // Karaf's bundle command ACL asks for manager (and systembundles), not only admin.
    private static final String[] BUNDLE_ROLES = {"admin", "manager", "viewer"};

    // One SMTP server for the container's life: the probe class stays loaded across the test methods.
    private static GreenMail smtp;
    private static String surveyId;

    @Configuration
    @Override
    public Option[] config() {
        return OptionUtils.combine(super.config(), mavenBundle("com.icegreen", "greenmail", "1.6.15"), browserScript());
    }

    @Before
    public void mailWebhooksAndTheSurveyAreSetUp() throws Exception {
        awaitHttp("/api/v1/surveys", "deskadmin", "deskadmin", 200, Duration.ofSeconds(90));
        awaitHttp("/api/v1/escalation/rules", "deskadmin", "deskadmin", 200, Duration.ofSeconds(30));
        awaitHttp("/api/v1/promises?limit=1", "sales", "sales", 200, Duration.ofSeconds(30));
        awaitHttp("/api/v1/handovers?limit=1", "sales", "sales", 200, Duration.ofSeconds(30));
        awaitHttp("/api/v1/customers/probe/timeline", "service", "service", 200, Duration.ofSeconds(30));
        if (surveyId != null) {
            return;
        }
        GreenMail server = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        smtp = server;
        configure("org.omotenashi.survey.mail", "host", "127.0.0.1", "port", smtp.getSmtp().getPort(),
                "from", "surveys@omotenashi.test");
        configure("org.omotenashi.survey", "publicBaseUrl", baseUrl());
        configure("org.omotenashi.escalation", "allowLocalWebhookTargets", true);
        // A rule naming a loopback webhook is accepted once the configuration has reached the module.
        String probe = rule("probe", "omotenashi/itprobe/FIRED", "", "http://127.0.0.1:9/x", WebhookSignature.newSecret());
        await("local webhook targets allowed", JOURNEY_WAIT, () -> send("POST", "/api/v1/escalation/rules/dry-run", "deskadmin",
                "deskadmin", probe).statusCode(), status -> status == 200);
        surveyId = expect(201, send("POST", "/api/v1/surveys", "deskadmin", "deskadmin", "{\"name\":\"After a kept promise\","
                + "\"questions\":[{\"key\":\"recommend\",\"type\":\"NPS\",\"textNl\":\"Zou u ons aanraden?\","
                + "\"textEn\":\"Would you recommend us?\"}],\"triggers\":[\"omotenashi/promise/KEPT\"]}")).get("id").asText();
    }

    // ---- the journey

    @Test
    public void oneGuestsJourneyHoldsTogetherFromHandoverToEscalation() throws Exception {
        Guest guest = new Guest();
        try (EscalationIT.Receiver receiver = EscalationIT.Receiver.start(freePort())) {
            String secret = escalatesUnhappy(guest, receiver);

            String promiseId = guest.handedOverAndAccepted();
            expect(200, send("POST", "/api/v1/promises/" + promiseId + "/keep", "service", "service",
                    "{\"evidence\":\"WO-991 closed\"}"));

            String link = guest.invitationLink();
            guest.answersInChromium(link, 3);

            EscalationIT.Receiver.Call call = receiver.await(1).get(0);
            WebhookSignature.Check check = WebhookSignature.verify(secret, call.id(), call.timestamp(), call.signature(),
                    call.body().getBytes(StandardCharsets.UTF_8), Instant.now(), WebhookSignature.DEFAULT_TOLERANCE);
            assertTrue(check.reason(), check.valid());
            assertTrue(call.body(), call.body().contains(guest.customer));

            JsonNode timeline = guest.timeline(12, t -> t.contains("escalation.opened"));
            // The promise was made during the sale: it is dated when sales wrote the handover.
            assertEquals(List.of("escalation.opened", "survey.answered", "survey.invited", "promise.kept",
                    "handover.accepted", "handover.acknowledged", "handover.submitted", "promise.made", "handover.draft"),
                    types(timeline));
            assertEquals(List.of("rule:Unhappy guest " + guest.customer, "", "survey", "service", "service", "service",
                    "sales", "sales", "sales"), whoTookEachStep(timeline));
            assertEquals(3, timeline.get(1).path("details").path("nps").asInt());
            assertEquals("all clear, north takes it", timeline.get(4).path("reason").asText());
            assertEquals("/api/v1/promises/" + promiseId, timeline.get(3).path("record").path("href").asText());

            JsonNode summary = expect(200, get("/api/v1/customers/" + guest.customer, "sales", "sales"));
            assertEquals(3, summary.path("sections").path("survey").path("latestNps").path("value").asInt());
            assertEquals(1, summary.path("sections").path("escalation").path("open").asInt());
            assertFalse(summary.path("contactBudget").path("mayInvite").asBoolean());

            // Exactly once: one mail, one webhook, once the consumers have passed every event.
            awaitConsumersCaughtUp();
            assertEquals(1, guest.mails().size());
            assertEquals(1, receiver.calls.size());
        }
    }

    @Test
    public void everyReactionHappensOnceWhenTheSurveyIsUpdatedAndTheEscalationsRestartedBetweenTheSteps() throws Exception {
        Guest guest = new Guest();
        try (EscalationIT.Receiver receiver = EscalationIT.Receiver.start(freePort())) {
            escalatesUnhappy(guest, receiver);
            String promiseId = guest.handedOverAndAccepted();

            // The promise is kept while the survey module is away; it is then updated, and catches up.
            Bundle survey = bundle("org.omotenashi.omotenashi-survey-impl");
            executeShell("bundle:stop " + survey.getBundleId(), BUNDLE_ROLES);
            try {
                expect(200, send("POST", "/api/v1/promises/" + promiseId + "/keep", "service", "service", null));
                executeShell("bundle:update " + survey.getBundleId(), BUNDLE_ROLES);
            } finally {
                executeShell("bundle:start " + survey.getBundleId(), BUNDLE_ROLES); // an update keeps a stopped bundle stopped
            }
            awaitHttp("/api/v1/surveys", "deskadmin", "deskadmin", 200, JOURNEY_WAIT);
            String link = guest.invitationLink();

            // The guest answers while the escalation module is stopped; started again, it escalates.
            Bundle escalation = bundle("org.omotenashi.omotenashi-escalation-impl");
            executeShell("bundle:stop " + escalation.getBundleId(), BUNDLE_ROLES);
            try {
                guest.answersInChromium(link, 2);
            } finally {
                executeShell("bundle:start " + escalation.getBundleId(), BUNDLE_ROLES);
            }
            receiver.await(1);

            awaitConsumersCaughtUp();
            JsonNode timeline = guest.timeline(12, t -> t.contains("escalation.opened"));
            assertEquals(1, count(types(timeline), "survey.invited"));
            assertEquals(1, count(types(timeline), "escalation.opened"));
            assertEquals(1, guest.mails().size());
            assertEquals(1, receiver.calls.size());
        }
    }

    @Test
    public void noInvitationGoesToACustomerWithAnOpenEscalationAndTheTimelineSaysWhy() throws Exception {
        Guest guest = new Guest();
        expect(201, send("POST", "/api/v1/escalation/rules", "deskadmin", "deskadmin", rule("Withdrawn " + guest.customer,
                "omotenashi/promise/CANCELLED", "customerId == '" + guest.customer + "'", null, null)));
        String withdrawn = guest.promise("withdrawn@example.org");
        expect(200, send("POST", "/api/v1/promises/" + withdrawn + "/cancel", "sales", "sales",
                "{\"reason\":\"the customer changed their mind\"}"));
        await("the escalation of the cancelled promise", JOURNEY_WAIT, () -> guest.timelineText(), t -> t.contains("escalation.opened"));

        String kept = guest.promise(guest.email);
        expect(200, send("POST", "/api/v1/promises/" + kept + "/keep", "service", "service", null));
        JsonNode timeline = guest.timeline(10, t -> t.contains("survey.skipped"));
        JsonNode skipped = entry(timeline, "survey.skipped");
        assertTrue(skipped.toString(), skipped.path("reason").asText().contains("contact budget"));
        assertTrue(skipped.toString(), skipped.path("reason").asText().contains("escalation"));
        assertEquals(kept, skipped.path("details").path("subjectRef").asText());
        awaitConsumersCaughtUp();
        assertEquals(0, count(types(timeline), "survey.invited"));
        assertEquals(List.of(), guest.mails());
        assertEquals("cancelled with its reason", "the customer changed their mind",
                entry(timeline, "promise.cancelled").path("reason").asText());
    }

    // ---- one guest

    /** A customer with one contact, unique to the test, and what happens to them. */
    private final class Guest {
        final String customer = "guest-" + UUID.randomUUID();
        final String email = customer + "@example.org";

        /** Sales hands the customer over with one promise; service acknowledges and accepts it. */
        String handedOverAndAccepted() throws Exception {
            String due = Instant.now().plus(Duration.ofDays(30)).toString();
            String handover = expect(201, send("POST", "/api/v1/handovers", "sales", "sales", "{\"dealRef\":\"DEAL-"
                    + customer + "\",\"customerId\":\"" + customer + "\",\"customerName\":\"Hotel Amstel\","
                    + "\"serviceTeam\":\"facility-north\",\"contractStart\":\"2027-01-01\",\"contacts\":["
                    + "{\"name\":\"Receptionist\",\"email\":\"desk-" + email + "\"},"
                    + "{\"name\":\"Joost de Vries\",\"email\":\"" + email + "\",\"language\":\"en\",\"primary\":true}],"
                    + "\"expectations\":[{\"text\":\"The lobby is never dark\",\"importance\":\"MUST\"}],"
                    + "\"promises\":[{\"description\":\"Replace the lobby lights\",\"dueAt\":\"" + due + "\"}]}"))
                    .get("id").asText();
            expect(200, send("POST", "/api/v1/handovers/" + handover + "/submit", "sales", "sales", null));
            expect(200, send("POST", "/api/v1/handovers/" + handover + "/acknowledge", "service", "service",
                    "{\"comment\":\"read it\"}"));
            expect(200, send("POST", "/api/v1/handovers/" + handover + "/accept", "service", "service",
                    "{\"comment\":\"all clear, north takes it\"}"));
            JsonNode promise = await("the accepted promise in the tracker", JOURNEY_WAIT, () -> items(get(
                    "/api/v1/promises?customerId=" + customer, "service", "service")), list -> list.size() == 1).get(0);
            assertEquals("facility-north", promise.path("owner").asText());
            assertEquals(email, promise.path("contact").path("email").asText());
            return promise.path("id").asText();
        }

        /** A promise made over REST to a contact of this customer. */
        String promise(String contactEmail) throws Exception {
            return expect(201, send("POST", "/api/v1/promises", "sales", "sales", "{\"customerId\":\"" + customer
                    + "\",\"description\":\"Clean the atrium glass\",\"promisedBy\":\"sales\",\"channel\":\"PHONE\","
                    + "\"dueAt\":\"" + Instant.now().plus(Duration.ofDays(3)) + "\",\"contact\":{\"name\":\"Guest\","
                    + "\"email\":\"" + contactEmail + "\",\"language\":\"nl\"}}")).get("id").asText();
        }

        List<MimeMessage> mails() throws Exception {
            List<MimeMessage> mine = new ArrayList<>();
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals(email)) {
                    mine.add(m);
                }
            }
            return mine;
        }

        /** The link of the invitation mail the contact received. */
        String invitationLink() throws Exception {
            MimeMessage mail = await("the invitation mail to " + email, JOURNEY_WAIT, this::mailsQuietly, l -> !l.isEmpty()).get(0);
            assertEquals("How did we do?", mail.getSubject());
            Matcher link = Pattern.compile("https?://\\S+/survey/\\S+").matcher(GreenMailUtil.getBody(mail));
            assertTrue(GreenMailUtil.getBody(mail), link.find());
            return link.group();
        }

        private List<MimeMessage> mailsQuietly() {
            try {
                return mails();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        void answersInChromium(String link, int nps) throws Exception {
            String output = runBrowser(link, "recommend=" + nps);
            assertTrue(output, output.endsWith("Thank you!"));
        }

        String timelineText() {
            return get("/api/v1/customers/" + customer + "/timeline?limit=50", "service", "service").body();
        }

        /** The timeline, once it satisfies {@code ready}; at most {@code size} entries are expected. */
        JsonNode timeline(int size, Predicate<String> ready) throws Exception {
            String body = await("the timeline of " + customer, JOURNEY_WAIT, this::timelineText, ready);
            JsonNode items = JSON.readTree(body).get("items");
            assertTrue(body, items.size() <= size);
            return items;
        }
    }

    // ---- plumbing

    /** Waits until every consumer of the event log has passed every event, so counts are final. */
    private void awaitConsumersCaughtUp() throws Exception {
        await("the event log's consumers caught up", JOURNEY_WAIT, () -> {
            try {
                return executeShell("event:lag");
            } catch (Exception e) {
                return e.toString();
            }
        }, lag -> lag.contains("survey.invitations") && lag.contains("escalation.rules") && lag.contains("survey.mail")
                && Pattern.compile("\\|\\s*[1-9]\\d*\\s*\\|\\s*(yes|no)\\s*\\|").matcher(lag).results().findAny().isEmpty());
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getSymbolicName().equals(symbolicName)) {
                return b;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }

    /** A rule; with a receiver URL a signed WEBHOOK, else a RAISE that only opens the escalation. */
    /** A rule that escalates this guest's detractor answer to the receiver; returns the webhook's secret. */
    private String escalatesUnhappy(Guest guest, EscalationIT.Receiver receiver) {
        String secret = WebhookSignature.newSecret();
        expect(201, send("POST", "/api/v1/escalation/rules", "deskadmin", "deskadmin",
                rule("Unhappy guest " + guest.customer, "omotenashi/survey/DETRACTOR",
                        "customerId == '" + guest.customer + "'", receiver.url(), secret)));
        return secret;
    }

    private static String rule(String name, String trigger, String condition, String url, String secret) {
        String action = url == null ? "{\"type\":\"RAISE\"}"
                : "{\"type\":\"WEBHOOK\",\"url\":\"" + url + "\",\"secret\":\"" + secret + "\"}";
        String when = condition.isEmpty() ? "" : ",\"condition\":\"" + condition.replace("\"", "\\\"") + "\"";
        return "{\"name\":\"" + name + "\",\"trigger\":\"" + trigger + "\"" + when + ",\"actions\":[" + action + "]}";
    }

    private static List<String> types(JsonNode timeline) {
        List<String> types = new ArrayList<>();
        timeline.forEach(e -> types.add(e.path("type").asText()));
        return types;
    }

    private static List<String> whoTookEachStep(JsonNode timeline) {
        List<String> who = new ArrayList<>();
        timeline.forEach(e -> who.add(e.path("by").asText("")));
        return who;
    }

    private static JsonNode entry(JsonNode timeline, String type) {
        for (JsonNode e : timeline) {
            if (e.path("type").asText().equals(type)) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " in " + timeline);
    }

    private static long count(List<String> types, String type) {
        return types.stream().filter(type::equals).count();
    }

    private static List<JsonNode> items(HttpResponse<String> response) {
        List<JsonNode> items = new ArrayList<>();
        try {
            JSON.readTree(response.body()).path("items").forEach(items::add);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return items;
    }
}
