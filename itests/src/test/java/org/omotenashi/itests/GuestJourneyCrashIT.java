package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;
import static org.omotenashi.itests.OmotenashiTestSupport.await;
import static org.omotenashi.itests.OmotenashiTestSupport.expect;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.Test;

/**
 * A kill -9 between the commit of a change and the reaction to it. The distribution runs as a process with the
 * test-only hook that halts it right after the transaction keeping a promise commits; the survey module has not
 * reacted yet. Started again, the kept promise is kept, and its contact gets exactly one invitation by mail.
 */
public class GuestJourneyCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    public void aReactionCutOffByAKillAfterTheCommitHappensOnceAfterTheRestart() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(OmotenashiTestSupport.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (AssemblyProcess karaf = new AssemblyProcess("journey-crash-it")) {
            karaf.write("etc/org.omotenashi.survey.mail.cfg", "host = 127.0.0.1\nport = " + smtp.getSmtp().getPort()
                    + "\nfrom = surveys@omotenashi.test\n");
            karaf.start("/api/v1/surveys", "deskadmin", "-Domotenashi.test.haltAfterCommitOf=omotenashi/promise/KEPT");
            HttpCalls http = karaf.http();
            http.await("/api/v1/promises?limit=1", "sales", "sales", 200, WAIT, body -> true);
            http.await("/api/v1/escalation/rules", "deskadmin", "deskadmin", 200, WAIT, body -> true);
            http.await("/api/v1/handovers?limit=1", "sales", "sales", 200, WAIT, body -> true);
            expect(201, http.send("POST", "/api/v1/surveys", "deskadmin", "deskadmin", "{\"name\":\"After a kept promise\","
                    + "\"questions\":[{\"key\":\"recommend\",\"type\":\"NPS\",\"textNl\":\"Aanraden?\",\"textEn\":\"Recommend?\"}],"
                    + "\"triggers\":[\"omotenashi/promise/KEPT\"]}"));
            String customer = "crash-" + UUID.randomUUID();
            String email = customer + "@example.org";
            String promise = expect(201, http.send("POST", "/api/v1/promises", "sales", "sales", "{\"customerId\":\""
                    + customer + "\",\"description\":\"Fix the lift\",\"promisedBy\":\"sales\",\"channel\":\"PHONE\","
                    + "\"dueAt\":\"" + Instant.now().plus(Duration.ofDays(2)) + "\",\"contact\":{\"email\":\"" + email
                    + "\",\"language\":\"en\"}}")).get("id").asText();

            try {
                HttpResponse<String> kept = http.send("POST", "/api/v1/promises/" + promise + "/keep", "service", "service", null);
                fail("the process halts before it answers; it answered " + kept.statusCode());
            } catch (UncheckedIOException expected) {
                // the connection died with the process
            }
            assertEquals("halted as a kill -9 would", 137, karaf.awaitExit(Duration.ofSeconds(60)));
            assertEquals("nobody was invited before the process died", 0, smtp.getReceivedMessages().length);

            karaf.start("/api/v1/surveys", "deskadmin");
            http.await("/api/v1/promises?limit=1", "sales", "sales", 200, WAIT, body -> true);
            assertEquals("the commit stood", "KEPT",
                    expect(200, http.send("GET", "/api/v1/promises/" + promise, "sales", "sales", null)).get("status").asText());
            await("the invitation mail", WAIT, () -> mailsTo(smtp, email).size(), n -> n >= 1);
            await("every consumer caught up", WAIT, () -> console(karaf), lag -> lag.contains("survey.mail")
                    && Pattern.compile("\\|\\s*[1-9]\\d*\\s*\\|\\s*(yes|no)\\s*\\|").matcher(lag).results().findAny().isEmpty());
            assertEquals("exactly one invitation", 1, mailsTo(smtp, email).size());
            JsonNode timeline = expect(200, http.send("GET", "/api/v1/customers/" + customer + "/timeline", "service",
                    "service", null)).get("items");
            List<String> types = new ArrayList<>();
            timeline.forEach(e -> types.add(e.get("type").asText()));
            assertEquals(List.of("survey.invited", "promise.kept", "promise.made"), types);
            karaf.shutdown();
        } finally {
            smtp.stop();
        }
    }

    private static List<MimeMessage> mailsTo(GreenMail smtp, String email) {
        List<MimeMessage> mine = new ArrayList<>();
        try {
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals(email)) {
                    mine.add(m);
                }
            }
        } catch (javax.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        return mine;
    }

    private static String console(AssemblyProcess karaf) {
        try {
            return karaf.console("event:lag");
        } catch (Exception e) {
            return e.toString();
        }
    }

}
