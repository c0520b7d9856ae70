package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Test;
import org.osgi.framework.Bundle;

/**
 * The handover module with only the core beneath it: it works without the promise tracker, and when
 * the tracker is installed later the promises of handovers accepted meanwhile reach it exactly once.
 */
public class HandoverWithoutTrackerIT extends OmotenashiTestSupport {
    private static final String HANDOVERS = HandoverIT.HANDOVERS;

    @Test
    public void promisesAcceptedWithoutTheTrackerReachItOnceWhenItIsInstalled() throws Exception {
        awaitHttp(HANDOVERS + "?limit=1", "sales", "sales", 200, Duration.ofSeconds(90));
        // The distribution boots each module on its own: removing the tracker is one uninstall.
        featuresService.uninstallFeature("omotenashi-promises");
        assertFalse(featuresService.isInstalled(featuresService.getFeature("omotenashi-promises")));
        for (Bundle b : bundleContext.getBundles()) {
            assertFalse("promise tracker still there", "org.omotenashi.omotenashi-promises-impl".equals(b.getSymbolicName()));
        }

        String customer = "c-" + UUID.randomUUID();
        awaitHttp(HANDOVERS + "?limit=1", "sales", "sales", 200, Duration.ofSeconds(60));
        String id = JSON.readTree(send("POST", HANDOVERS, "sales", "sales",
                HandoverIT.completeHandover("D-" + UUID.randomUUID(), customer)).body()).get("id").asText();
        String path = HANDOVERS + "/" + id;
        assertEquals(200, send("POST", path + "/submit", "sales", "sales", null).statusCode());
        assertEquals(200, send("POST", path + "/acknowledge", "service", "service", null).statusCode());
        JsonNode accepted = JSON.readTree(send("POST", path + "/accept", "service", "service", null).body());
        assertEquals("ACCEPTED", accepted.get("status").asText());
        assertNull(accepted.get("promises").get(0).get("promiseId"));

        featuresService.installFeature("omotenashi-promises");
        awaitHttp(path, "sales", "sales", 200, Duration.ofSeconds(60), body -> body.split("promiseId").length == 3);
        String promises = awaitHttp("/api/v1/promises?limit=500&customerId=" + customer, "service", "service", 200,
                Duration.ofSeconds(60)).body();
        assertEquals(promises, 2, JSON.readTree(promises).get("items").size());

        // Binding the tracker again, and accepting again, must not register anything twice.
        Bundle tracker = null;
        for (Bundle b : bundleContext.getBundles()) {
            if ("org.omotenashi.omotenashi-promises-impl".equals(b.getSymbolicName())) {
                tracker = b;
            }
        }
        tracker.stop();
        tracker.start();
        awaitHttp("/api/v1/promises?limit=1", "service", "service", 200, Duration.ofSeconds(60));
        assertEquals(200, send("POST", path + "/accept", "service", "service", null).statusCode());
        JsonNode after = JSON.readTree(get("/api/v1/promises?limit=500&customerId=" + customer, "service", "service").body());
        assertEquals(after.toString(), 2, after.get("items").size());
        assertTrue(featuresService.isInstalled(featuresService.getFeature("omotenashi-handover")));
    }
}
