package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.Before;
import org.junit.Test;

/**
 * What an outside test of the distribution threw at it, replayed: bodies far over the limit on every
 * kind of address, requests from other sites, input that is nonsense. Nothing may end the process,
 * get around the rules or be answered with a 500.
 */
public class HostileCallersIT extends OmotenashiTestSupport {
    private static final String PROMISES = "/api/v1/promises";
    private static final long SIXTY_MIB = 60L * 1024 * 1024;
    /** Far below the 60 MiB sent: the server stopped reading at once (socket buffers hold a few MiB). */
    private static final long READ_AT_MOST = 16L * 1024 * 1024;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(60);
    private static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";

    @Before
    public void endpointsAreUp() throws Exception {
        awaitHttp(PROMISES + "?limit=1", "sales", "sales", 200, Duration.ofSeconds(90));
        awaitHttp("/soap/promises?wsdl", "viewer", "viewer", 200, Duration.ofSeconds(30));
        awaitHttp("/api/v1/surveys", "sales", "sales", 200, Duration.ofSeconds(30));
        // The mail settings a test changes restart nothing, but the module may still be starting.
        awaitHttp("/api/v1/escalation/rules", "deskadmin", "deskadmin", 200, Duration.ofSeconds(30));
    }

    private int port() {
        return URI.create(baseUrl()).getPort();
    }

    private static String envelopeStart(String user) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:p=\"urn:omotenashi:promises:1\">"
                + (user == null ? "" : "<soap:Header><wsse:Security xmlns:wsse=\"" + WSSE + "\"><wsse:UsernameToken>"
                + "<wsse:Username>" + user + "</wsse:Username><wsse:Password>" + user + "</wsse:Password>"
                + "</wsse:UsernameToken></wsse:Security></soap:Header>")
                + "<soap:Body><p:makePromise><promise><customerId>c-huge</customerId><description>";
    }

    private static final String ENVELOPE_END = "</description><promisedBy>x</promisedBy><channel>PHONE</channel>"
            + "<dueAt>2030-01-01T00:00:00Z</dueAt></promise></p:makePromise></soap:Body></soap:Envelope>";

    private RawUpload.Answer soapUpload(String user, boolean chunked) throws Exception {
        return RawUpload.send(port(), "/soap/promises", "text/xml; charset=UTF-8", envelopeStart(user), ENVELOPE_END,
                SIXTY_MIB, chunked, ANSWER_WITHIN, "SOAPAction", "\"\"");
    }

    private static void assertFaultEarly(RawUpload.Answer answer, int status) {
        assertEquals(answer.text(), 500, answer.status());
        assertTrue(answer.text(), answer.text().contains(":Fault>") && answer.text().contains("status=\"" + status + "\""));
        assertTrue("the server read " + answer.bodyBytesSent() + " bytes before it answered",
                answer.bodyBytesSent() < READ_AT_MOST);
    }

    @Test
    public void aSoapBodyDeclaredOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        assertFaultEarly(soapUpload(null, false), 413);
        assertServerStillAnswers();
    }

    @Test
    public void aCallerWithoutAnySoapRightIsRefusedBeforeTheBodyIsRead() throws Exception {
        assertFaultEarly(soapUpload("viewer", true), 403);
        assertServerStillAnswers();
    }

    @Test
    public void aChunkedSoapBodyIsCutOffAtTheLimit() throws Exception {
        assertFaultEarly(soapUpload("integration", true), 413);
        // Without a UsernameToken the caller is refused before the body: authentication comes first.
        assertFaultEarly(soapUpload(null, true), 401);
        assertServerStillAnswers();
    }

    @Test
    public void chunkedRestAndSurveyPageBodiesAreCutOffAtTheLimit() throws Exception {
        RawUpload.Answer rest = RawUpload.send(port(), PROMISES, "application/json", "{\"customerId\":\"", "\"}",
                SIXTY_MIB, true, ANSWER_WITHIN, "Authorization", basic("sales"));
        assertEquals(rest.text(), 413, rest.status());
        assertTrue(rest.text(), rest.text().contains("application/problem+json"));
        assertTrue(rest.bodyBytesSent() + " bytes read", rest.bodyBytesSent() < READ_AT_MOST);
        RawUpload.Answer page = RawUpload.send(port(), "/survey/" + UUID.randomUUID(), "application/x-www-form-urlencoded",
                "recommend=", "", SIXTY_MIB, false, ANSWER_WITHIN);
        assertEquals(page.text(), 413, page.status());
        assertServerStillAnswers();
    }

    @Test
    public void theBodyLimitIsReadForEveryRequest() throws Exception {
        String body = PromisesApiIT.promiseJson("c-limit-" + UUID.randomUUID(), Instant.now().plus(Duration.ofDays(1)))
                .replace("Fix the lift", "x".repeat(1500));
        try {
            configure("org.omotenashi.rest", "maxBodyBytes", 1000L);
            awaitStatus(() -> send("POST", PROMISES, "sales", "sales", body), 413);
            configure("org.omotenashi.rest", "maxBodyBytes", 1_048_576L);
            awaitStatus(() -> send("POST", PROMISES, "sales", "sales", body), 201);
        } finally {
            configure("org.omotenashi.rest", "maxBodyBytes", 1_048_576L);
        }
    }

    @Test
    public void aPageOnAnotherSiteCannotKeepAPromise() throws Exception {
        String id = make();
        String keep = PROMISES + "/" + id + "/keep";
        assertProblem(send("POST", keep, "service", "service", "{}", "Content-Type", "text/plain"), 415);
        assertProblem(send("POST", keep, "service", "service", "", "Content-Type", "application/x-www-form-urlencoded"), 415);
        assertProblem(send("POST", keep, "service", "service", null, "Content-Type", ""), 415);
        assertProblem(send("POST", keep, "service", "service", "{}", "Origin", "https://evil.example"), 403);
        assertProblem(send("POST", keep, "service", "service", "{}", "Origin", "null"), 403);
        assertEquals("OPEN", json(get(PROMISES + "/" + id, "sales", "sales")).get("status").asText());
        // The suite's own pages, and clients that send no Origin at all, change things as before.
        HttpResponse<String> kept = send("POST", keep, "service", "service", null, "Origin", "http://localhost:" + port());
        assertEquals(kept.body(), 200, kept.statusCode());
        assertEquals("KEPT", json(kept).get("status").asText());
    }

    @Test
    public void anotherSiteCanBeAllowedByConfiguration() throws Exception {
        String id = make();
        try {
            configure("org.omotenashi.rest", "allowedOrigins", new String[] {"https://portal.example.org"});
            awaitStatus(() -> send("POST", PROMISES + "/" + id + "/keep", "service", "service", null,
                    "Origin", "https://portal.example.org"), 200);
        } finally {
            configure("org.omotenashi.rest", "allowedOrigins", new String[0]);
        }
    }

    @Test
    public void aSoapRequestFromAnotherSiteIsRefused() throws Exception {
        HttpResponse<String> refused = send("POST", "/soap/promises", null, null, envelopeStart("integration")
                + "y" + ENVELOPE_END, "Content-Type", "text/xml; charset=UTF-8", "SOAPAction", "\"\"",
                "Origin", "https://evil.example");
        assertSoapFault(refused, 403);
    }

    @Test
    public void timestampsOutsideAnyRealRangeAreRefusedNamingTheField() throws Exception {
        for (String far : new String[] {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z"}) {
            HttpResponse<String> made = send("POST", PROMISES, "sales", "sales",
                    PromisesApiIT.promiseJson("c-far", Instant.now()).replaceAll("\"dueAt\":\"[^\"]+\"", "\"dueAt\":\"" + far + "\""));
            assertProblem(made, 400);
            assertEquals(made.body(), "dueAt", json(made).get("errors").get(0).get("field").asText());
            assertProblem(get(PROMISES + "?dueBefore=" + far.replace("+", "%2B"), "sales", "sales"), 400);
        }
        String id = make();
        assertProblem(send("POST", PROMISES + "/" + id + "/renegotiate", "sales", "sales",
                "{\"newDueAt\":\"+10000-01-01T00:00:00Z\",\"reason\":\"later\"}"), 400);
        HttpResponse<String> soap = send("POST", "/soap/promises", null, null, envelopeStart("integration") + "far"
                + ENVELOPE_END.replace("2030-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z"),
                "Content-Type", "text/xml; charset=UTF-8", "SOAPAction", "\"\"");
        assertSoapFault(soap, 400);
        assertTrue(soap.body(), soap.body().contains("field=\"dueAt\""));
        HttpResponse<String> handover = send("POST", "/api/v1/handovers", "sales", "sales",
                HandoverIT.completeHandover("D-far-" + UUID.randomUUID(), "c-far")
                        .replaceAll("\"contractStart\":\"[^\"]+\"", "\"contractStart\":\"+999999999-12-31\""));
        assertProblem(handover, 400);
        assertTrue(handover.body(), handover.body().contains("\"field\":\"contractStart\""));
    }

    @Test
    public void aKeyGivenTwiceIsRefusedNamingIt() throws Exception {
        HttpResponse<String> twice = send("POST", PROMISES, "sales", "sales",
                PromisesApiIT.promiseJson("c-twice", Instant.now().plus(Duration.ofDays(1))).replace("{", "{\"channel\":\"EMAIL\","));
        assertProblem(twice, 400);
        assertEquals(twice.body(), "channel", json(twice).get("errors").get(0).get("field").asText());
        HttpResponse<String> nested = send("POST", PROMISES, "sales", "sales",
                PromisesApiIT.promiseJson("c-twice", Instant.now().plus(Duration.ofDays(1)))
                        .replace("\"ref\":\"WO-1\"", "\"ref\":\"WO-1\",\"ref\":\"WO-2\""));
        assertEquals(nested.body(), "origin.ref", json(nested).get("errors").get(0).get("field").asText());
    }

    @Test
    public void aRefusedListAnswersOneProblemAndNothingElse() throws Exception {
        for (String[] caller : new String[][] {{null, null}, {"viewer", "viewer"}}) {
            HttpResponse<String> refused = get("/api/v1/surveys", caller[0], caller[1]);
            assertProblem(refused, caller[0] == null ? 401 : 403);
            // Exactly one JSON text: the whole body reads as the problem, with nothing after it.
            assertEquals(refused.body(), caller[0] == null ? 401 : 403, JSON.readTree(refused.body()).get("status").asInt());
        }
    }

    @Test
    public void aCursorWithOneBitFlippedIsRefusedNamingIt() throws Exception {
        String customer = "c-cursor-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> made = send("POST", PROMISES, "sales", "sales",
                    PromisesApiIT.promiseJson(customer, Instant.now().plus(Duration.ofDays(1 + i))));
            assertEquals(made.body(), 201, made.statusCode());
        }
        String list = PROMISES + "?limit=1&customerId=" + customer + "&cursor=";
        String next = json(get(PROMISES + "?limit=1&customerId=" + customer, "sales", "sales")).get("next").asText();
        assertEquals(200, get(list + next, "sales", "sales").statusCode());
        // Every position in the cursor, the signature's included: a flip anywhere is a 400, never another page.
        for (int i = 0; i < next.length(); i++) {
            char[] flipped = next.toCharArray();
            flipped[i] ^= 1;
            HttpResponse<String> tampered = get(list + java.net.URLEncoder.encode(new String(flipped),
                    java.nio.charset.StandardCharsets.UTF_8), "sales", "sales");
            assertProblem(tampered, 400);
            assertEquals(tampered.body(), "cursor", json(tampered).get("errors").get(0).get("field").asText());
        }
    }

    @Test
    public void aRuleWithTenThousandActionsIsTheCallersMistake() throws Exception {
        String action = "{\"type\":\"NOTIFY\",\"to\":[\"desk@example.org\"]}";
        String rule = "{\"name\":\"Many\",\"trigger\":\"omotenashi/promise/BROKEN\",\"actions\":["
                + String.join(",", java.util.Collections.nCopies(10_000, action)) + "]}";
        HttpResponse<String> refused = send("POST", "/api/v1/escalation/rules", "deskadmin", "deskadmin", rule);
        assertProblem(refused, 400);
        assertTrue(refused.body(), refused.body().contains("\"field\":\"actions\"") && refused.body().contains("at most 20"));
    }

    @Test
    public void locationIsNeverTakenFromTheHostHeader() throws Exception {
        HttpResponse<String> made = send("POST", PROMISES, "sales", "sales",
                PromisesApiIT.promiseJson("c-loc", Instant.now().plus(Duration.ofDays(1))));
        String location = made.headers().firstValue("Location").orElseThrow();
        assertTrue(location, location.startsWith(PROMISES + "/"));
        String forged = RawUpload.sendWithHost(port(), "evil.example", PROMISES, basic("sales"),
                PromisesApiIT.promiseJson("c-loc", Instant.now().plus(Duration.ofDays(1))));
        assertTrue(forged, forged.startsWith("HTTP/1.1 201"));
        assertTrue(forged, !forged.toLowerCase(java.util.Locale.ROOT).contains("evil.example"));
    }

    @Test
    public void noSecretIsShownAmongServicePropertiesOrToNonAdmins() throws Exception {
        String secret = "smtp-" + UUID.randomUUID();
        try {
            // Written the way earlier versions asked: the module moves it where no service shows it.
            configure("org.omotenashi.escalation.mail", "password", secret);
            org.osgi.service.cm.ConfigurationAdmin admin = bundleContext.getService(
                    bundleContext.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class));
            // The module has seen the secret once it moved it; only then is an empty list of properties telling.
            java.util.Dictionary<String, Object> mail = await("the secret moved to .password", Duration.ofSeconds(15),
                    () -> mailConfiguration(admin), p -> secret.equals(p.get(".password")) && p.get("password") == null);
            assertEquals(secret, mail.get(".password"));
            assertEquals(null, mail.get("password"));
            await("no service property that shows the secret", Duration.ofSeconds(15), () -> secretsIn(secret),
                    java.util.List::isEmpty);
            // An admin may read configurations, secrets included; anyone else is not shown the command at all.
            String listed = executeShell("config:list \"(service.pid=org.omotenashi.escalation.mail)\"");
            assertTrue(listed, listed.contains(".password"));
            String refused;
            try {
                refused = executeShell("config:list \"(service.pid=org.omotenashi.escalation.mail)\"", "viewer", "manager");
            } catch (Exception e) {
                refused = String.valueOf(e);
            }
            assertTrue(refused, !refused.contains(secret)
                    && (refused.contains("nsufficient") || refused.contains("Command not found: config:list")));
        } finally {
            configure("org.omotenashi.escalation.mail", ".password", "");
        }
    }

    /**
     * Every property of the suite's services (and data sources) whose name suggests a secret, and every property of
     * any service whose value holds {@code secret}.
     */
    private static java.util.Dictionary<String, Object> mailConfiguration(org.osgi.service.cm.ConfigurationAdmin admin) {
        try {
            return admin.getConfiguration("org.omotenashi.escalation.mail", "?").getProperties();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private java.util.List<String> secretsIn(String secret) {
        try {
            return secretsInServiceProperties(secret);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private java.util.List<String> secretsInServiceProperties(String secret) throws Exception {
        java.util.regex.Pattern secretName = java.util.regex.Pattern.compile(
                "(?i).*(password|passwd|secret|passphrase|token|credential|api.?key|private.?key).*");
        java.util.List<String> shown = new java.util.ArrayList<>();
        for (org.osgi.framework.ServiceReference<?> ref : bundleContext.getAllServiceReferences(null, null)) {
            for (String key : ref.getPropertyKeys()) {
                Object value = ref.getProperty(key);
                String text = value instanceof Object[] array ? java.util.Arrays.toString(array) : String.valueOf(value);
                // Names are judged on the suite's own services and its data sources; the secret's value anywhere.
                boolean ours = ref.getBundle() != null && ref.getBundle().getSymbolicName().startsWith("org.omotenashi")
                        || ref.getProperty("dataSourceName") != null;
                boolean named = ours && secretName.matcher(key).matches() && value != null && !text.isBlank()
                        && !text.equals("[]");
                if (named || text.contains(secret)) {
                    shown.add((ref.getBundle() == null ? "?" : ref.getBundle().getSymbolicName()) + " "
                            + java.util.Arrays.toString((String[]) ref.getProperty("objectClass")) + " " + key);
                }
            }
        }
        return shown;
    }

    /**
     * The rule everywhere: enumerated values in any letter case (answered as documented); a number in JSON is a
     * JSON number, never text; in XML (SOAP) and forms, where everything is text, the text of a number.
     */
    @Test
    public void enumsMayComeInAnyCaseAndNumbersOnlyAsNumbers() throws Exception {
        HttpResponse<String> made = send("POST", PROMISES, "sales", "sales",
                PromisesApiIT.promiseJson("c-case", Instant.now().plus(Duration.ofDays(1))).replace("\"PHONE\"", "\"phone\""));
        assertEquals(made.body(), 201, made.statusCode());
        assertEquals("PHONE", json(made).get("channel").asText());
        HttpResponse<String> soap = send("POST", "/soap/promises", null, null, envelopeStart("integration") + "case"
                + ENVELOPE_END.replace("PHONE", "phone"), "Content-Type", "text/xml; charset=UTF-8", "SOAPAction", "\"\"");
        assertEquals(soap.body(), 200, soap.statusCode());
        assertTrue(soap.body(), soap.body().contains(">PHONE<"));

        HttpResponse<String> survey = send("POST", "/api/v1/surveys", "deskadmin", "deskadmin", "{\"name\":\"Types\","
                + "\"questions\":[{\"key\":\"recommend\",\"type\":\"nps\",\"textNl\":\"Aanbevelen?\",\"textEn\":\"Recommend?\"}]}");
        assertEquals(survey.body(), 201, survey.statusCode());
        String invitations = "/api/v1/surveys/" + json(survey).get("id").asText() + "/invitations";
        String invitation = "{\"customerId\":\"c-types\",\"contactEmail\":\"types-" + UUID.randomUUID()
                + "@example.org\",\"language\":\"EN\",\"subject\":{\"type\":\"promise\",\"ref\":\"p-1\"},\"validDays\":";
        HttpResponse<String> textDays = send("POST", invitations, "service", "service", invitation + "\"7\"}");
        assertProblem(textDays, 400);
        assertEquals(textDays.body(), "validDays", json(textDays).get("errors").get(0).get("field").asText());
        HttpResponse<String> invited = send("POST", invitations, "service", "service", invitation + "7}");
        assertEquals(invited.body(), 201, invited.statusCode());
        String answers = "/api/v1/responses/" + json(invited).get("token").asText();
        HttpResponse<String> textAnswer = send("POST", answers, null, null, "{\"answers\":{\"recommend\":\"9\"}}");
        assertProblem(textAnswer, 400);
        assertEquals(textAnswer.body(), "answers.recommend", json(textAnswer).get("errors").get(0).get("field").asText());
        assertEquals(201, send("POST", answers, null, null, "{\"answers\":{\"recommend\":9}}").statusCode());
    }

    @Test
    public void aUsernameTokenIsGoodOnceAndOnlyWhileFresh() throws Exception {
        String list = "<p:listPromises><filter><limit>1</limit></filter></p:listPromises>";
        Instant now = Instant.now();
        String nonce = java.util.Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes());
        HttpResponse<String> first = soapWithToken("integration", nonce, now.toString(), list);
        assertEquals(first.body(), 200, first.statusCode());
        HttpResponse<String> replayed = soapWithToken("integration", nonce, now.toString(), list);
        assertSoapFault(replayed, 401);
        assertTrue(replayed.body(), replayed.body().contains("FailedAuthentication") && replayed.body().contains("sent before"));
        for (Instant created : new Instant[] {now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(1))}) {
            HttpResponse<String> stale = soapWithToken("integration", UUID.randomUUID().toString(), created.toString(), list);
            assertSoapFault(stale, 401);
            assertTrue(stale.body(), stale.body().contains("from the server's time"));
        }
        // Without Nonce and Created a token is accepted by default (common over TLS); a setting refuses it.
        assertEquals(200, soapWithToken("integration", null, null, list).statusCode());
        try {
            configure("org.omotenashi.soap", "requireNonceAndCreated", true);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            HttpResponse<String> bare;
            do {
                bare = soapWithToken("integration", null, null, list);
            } while (bare.statusCode() == 200 && System.nanoTime() < deadline);
            assertSoapFault(bare, 401);
            assertEquals(200, soapWithToken("integration", UUID.randomUUID().toString(), Instant.now().toString(), list).statusCode());
        } finally {
            configure("org.omotenashi.soap", "requireNonceAndCreated", false);
        }
    }

    @Test
    public void everyWsdlTypesItsTimestampsAndStatesItsSecurityPolicy() throws Exception {
        for (String service : new String[] {"promises", "handovers", "surveys", "escalations"}) {
            String wsdl = get("/soap/" + service + "?wsdl", "viewer", "viewer").body();
            java.util.regex.Matcher stringly = java.util.regex.Pattern.compile(
                    "name=\"(\\w*(At|Before|After|Since|Start)|from|to)\"\\s+type=\"xs:string\"").matcher(wsdl);
            // The handover's history names states from/to; every other such element is a timestamp.
            while (stringly.find()) {
                assertTrue(service + ": " + stringly.group(), service.equals("handovers")
                        && (stringly.group(1).equals("from") || stringly.group(1).equals("to")));
            }
            assertTrue(service, wsdl.contains("type=\"xs:dateTime\""));
            assertTrue(service, wsdl.contains("UsernameToken") && wsdl.contains("PolicyReference"));
        }
        assertTrue(get("/soap/handovers?wsdl", "viewer", "viewer").body().contains("name=\"contractStart\" type=\"xs:date\""));
        HttpResponse<String> local = send("POST", "/soap/promises", null, null, envelopeStart("integration") + "local"
                + ENVELOPE_END.replace("2030-01-01T00:00:00Z", "2030-01-01T00:00:00"),
                "Content-Type", "text/xml; charset=UTF-8", "SOAPAction", "\"\"");
        assertSoapFault(local, 400);
        assertTrue(local.body(), local.body().contains("field=\"dueAt\"") && local.body().contains("must carry an offset"));
    }

    private HttpResponse<String> soapWithToken(String user, String nonce, String created, String body) {
        String envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:p=\"urn:omotenashi:promises:1\" xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/"
                + "oasis-200401-wss-wssecurity-utility-1.0.xsd\"><soap:Header><wsse:Security soap:mustUnderstand=\"1\" "
                + "xmlns:wsse=\"" + WSSE + "\"><wsse:UsernameToken><wsse:Username>" + user + "</wsse:Username>"
                + "<wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0"
                + "#PasswordText\">" + user + "</wsse:Password>"
                + (nonce == null ? "" : "<wsse:Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-"
                + "wss-soap-message-security-1.0#Base64Binary\">" + nonce + "</wsse:Nonce>")
                + (created == null ? "" : "<wsu:Created>" + created + "</wsu:Created>")
                + "</wsse:UsernameToken></wsse:Security></soap:Header><soap:Body>" + body + "</soap:Body></soap:Envelope>";
        return send("POST", "/soap/promises", null, null, envelope, "Content-Type", "text/xml; charset=UTF-8", "SOAPAction", "\"\"");
    }

    // ---- plumbing

    private void assertServerStillAnswers() {
        assertEquals(200, get(PROMISES + "?limit=1", "sales", "sales").statusCode());
    }

    private String make() throws Exception {
        HttpResponse<String> created = send("POST", PROMISES, "sales", "sales",
                PromisesApiIT.promiseJson("c-" + UUID.randomUUID(), Instant.now().plus(Duration.ofDays(2))));
        assertEquals(created.body(), 201, created.statusCode());
        return json(created).get("id").asText();
    }

    private static String basic(String user) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + user).getBytes());
    }

    /** Configuration reaches components asynchronously: the answer changes within a bounded time. */
    private static void awaitStatus(java.util.function.Supplier<HttpResponse<String>> call, int status) throws Exception {
        await("status " + status, Duration.ofSeconds(10), call, answer -> answer.statusCode() == status);
    }
}
