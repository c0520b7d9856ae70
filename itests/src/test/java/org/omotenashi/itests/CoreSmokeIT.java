package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** The assembly boots, health answers, and authentication is enforced. */
public class CoreSmokeIT extends OmotenashiTestSupport {

    private static final String HEALTH = "/api/v1/health";

    @Test
    public void healthAnswersAuthenticatedUsersAndListsThePromisesModule() throws Exception {
        // The module starts after the core endpoints: wait for its state, not only for the 200.
        HttpResponse<String> response = awaitHttp(HEALTH, "sales", "sales", 200, Duration.ofSeconds(90),
                body -> "ACTIVE".equals(promisesModule(body).path("state").asText()));

        assertEquals(response.body(), "org.omotenashi.omotenashi-promises-impl",
                promisesModule(response.body()).path("bundle").asText());
    }

    private static JsonNode promisesModule(String healthBody) {
        try {
            for (JsonNode module : new ObjectMapper().readTree(healthBody).path("modules")) {
                if ("promises".equals(module.path("name").asText())) {
                    return module;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("health is not JSON: " + healthBody, e);
        }
        return MissingNode.getInstance();
    }

    @Test
    public void healthWithoutCredentialsIsAProblem401() throws Exception {
        awaitHttp(HEALTH, "sales", "sales", 200, Duration.ofSeconds(90));

        HttpResponse<String> response = get(HEALTH, null, null);

        assertEquals(response.body(), 401, response.statusCode());
        assertTrue("content type " + response.headers().firstValue("Content-Type"),
                response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    public void healthAnswersAViewer() throws Exception {
        awaitHttp(HEALTH, "viewer", "viewer", 200, Duration.ofSeconds(90));
    }

    @Test
    public void theSuiteFeatureIsInstalledAndTheShellSeesIt() throws Exception {
        assertTrue(featuresService.isInstalled(featuresService.getFeature("omotenashi")));

        String installed = executeShell("feature:list -i");

        assertTrue(installed, installed.contains("omotenashi-core"));
    }
}
