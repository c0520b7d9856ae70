package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;

/**
 * A real browser answers a real invitation: headless Chromium opens the link, fills the form, sends it,
 * and sees the thank-you page; the answer then shows in the scores. A missing browser fails the test.
 */
public class SurveyBrowserIT extends OmotenashiTestSupport {

    /** Runs in the Maven JVM, whose working directory is the itests module; the test runs in the container. */
    @Override
    @Configuration
    public Option[] config() {
        return OptionUtils.combine(super.config(), browserScript());
    }

    @Test
    public void chromiumAnswersAnInvitationAndTheAnswerCountsInTheScores() throws Exception {
        awaitHttp("/api/v1/surveys", "service", "service", 200, Duration.ofSeconds(90));

        HttpResponse<String> created = send("POST", "/api/v1/surveys", "deskadmin", "deskadmin",
                "{\"name\":\"Browser check\",\"questions\":["
                        + "{\"key\":\"recommend\",\"type\":\"NPS\",\"textNl\":\"Zou u ons aanraden?\",\"textEn\":\"Would you recommend us?\"},"
                        + "{\"key\":\"satisfied\",\"type\":\"CSAT\",\"textNl\":\"Tevreden?\",\"textEn\":\"Satisfied?\"},"
                        + "{\"key\":\"easy\",\"type\":\"YES_NO\",\"textNl\":\"Ging het makkelijk?\",\"textEn\":\"Was it easy?\"},"
                        + "{\"key\":\"remarks\",\"type\":\"TEXT\",\"textNl\":\"Opmerkingen\",\"textEn\":\"Remarks\"}]}");
        assertEquals(created.body(), 201, created.statusCode());
        String id = JSON.readTree(created.body()).path("id").asText();
        HttpResponse<String> invited = send("POST", "/api/v1/surveys/" + id + "/invitations", "service", "service",
                "{\"customerId\":\"browser-1\",\"contactEmail\":\"browser-" + System.nanoTime() + "@example.org\","
                        + "\"language\":\"en\",\"subject\":{\"type\":\"handover\",\"ref\":\"h-1\"}}");
        assertEquals(invited.body(), 201, invited.statusCode());
        // The link names the public address; this container listens on its own port.
        String url = JSON.readTree(invited.body()).path("url").asText().replace("http://localhost:8181", baseUrl());

        assertEquals("Thank you!", lastLine(runBrowser(url)));

        Instant now = Instant.now();
        JsonNode overall = JSON.readTree(get("/api/v1/surveys/" + id + "/scores?from=" + now.minus(Duration.ofDays(1))
                + "&to=" + now.plus(Duration.ofDays(1)), "sales", "sales").body()).path("overall");
        assertEquals(1, overall.path("answered").asInt());
        assertEquals(100.0, overall.path("nps").asDouble(), 0.0);
        assertEquals(100.0, overall.path("csat").asDouble(), 0.0);
    }

    private static String lastLine(String output) throws IOException {
        String[] lines = output.split("\\R");
        return lines[lines.length - 1].trim();
    }
}
