package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.osgi.framework.Bundle;

/**
 * An admin's view of the module: a Karaf that boots with the core only, the promise tracker installed
 * and removed at runtime while the rest keeps serving, and its implementation updated under load.
 */
public class PromisesHotSwapIT extends OmotenashiTestSupport {
    private static final String PROMISES = "/api/v1/promises";
    private static final String FEATURE = "omotenashi-promises";
    private static final EnumSet<FeaturesService.Option> NO_REFRESH = EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);

    @Configuration
    @Override
    public Option[] config() {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/org.apache.karaf.features.cfg", "featuresBoot",
                        "instance,package,scr,log,ssh,framework,system,eventadmin,feature,shell,management,service,"
                                + "jaas,omotenashi-core,deployer,diagnostic,wrap,bundle,config,kar"));
    }

    private String make(String customer) throws Exception {
        HttpResponse<String> created = send("POST", PROMISES, "sales", "sales",
                PromisesApiIT.promiseJson(customer, Instant.now().plus(Duration.ofDays(3))));
        assertEquals(created.body(), 201, created.statusCode());
        return JSON.readTree(created.body()).get("id").asText();
    }

    private void ensureInstalled() throws Exception {
        if (!featuresService.isInstalled(featuresService.getFeature(FEATURE))) {
            featuresService.installFeature(FEATURE, NO_REFRESH);
        }
        awaitHttp(PROMISES + "?limit=1", "sales", "sales", 200, Duration.ofSeconds(60));
    }

    @Test
    public void thePromiseTrackerIsInstalledAndRemovedWhileTheCoreKeepsServing() throws Exception {
        awaitHttp("/api/v1/health", "sales", "sales", 200, Duration.ofSeconds(90));
        if (!featuresService.isInstalled(featuresService.getFeature(FEATURE))) {
            assertEquals(404, get(PROMISES, "sales", "sales").statusCode());
        }
        ensureInstalled();
        String id = make("c-swap");

        featuresService.uninstallFeature(FEATURE, NO_REFRESH);
        awaitHttp(PROMISES + "/" + id, "sales", "sales", 404, Duration.ofSeconds(30));
        HttpResponse<String> health = get("/api/v1/health", "sales", "sales");
        assertEquals(200, health.statusCode());
        assertFalse(health.body(), health.body().contains("\"promises\""));

        featuresService.installFeature(FEATURE, NO_REFRESH);
        HttpResponse<String> back = awaitHttp(PROMISES + "/" + id, "sales", "sales", 200, Duration.ofSeconds(60));
        assertEquals("OPEN", JSON.readTree(back.body()).get("status").asText());
    }

    @Test
    public void updatingTheImplementationUnderLoadLosesNoStoredPromise() throws Exception {
        ensureInstalled();
        Bundle impl = null;
        for (Bundle b : bundleContext.getBundles()) {
            if ("org.omotenashi.omotenashi-promises-impl".equals(b.getSymbolicName())) {
                impl = b;
            }
        }
        assertTrue("the implementation bundle is installed", impl != null);

        List<String> stored = new CopyOnWriteArrayList<>();
        Map<Integer, AtomicInteger> refusals = new ConcurrentHashMap<>();
        Map<Integer, String> samples = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.execute(() -> {
                for (int i = 0; running.get(); i++) {
                    try {
                        HttpResponse<String> r = send("POST", PROMISES, "sales", "sales",
                                PromisesApiIT.promiseJson("c-load-" + writer, Instant.now().plus(Duration.ofDays(2))));
                        if (r.statusCode() == 201) {
                            stored.add(JSON.readTree(r.body()).get("id").asText());
                        } else {
                            refusals.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                            samples.putIfAbsent(r.statusCode(), r.body());
                        }
                    } catch (Exception e) {
                        refusals.computeIfAbsent(-1, k -> new AtomicInteger()).incrementAndGet();
                    }
                }
            });
        }
        try {
            awaitCount(stored, 20);
            // Karaf's own ACL gives bundle:update to the manager role.
            executeShell("bundle:update " + impl.getBundleId(), "admin", "manager");
            long updated = System.nanoTime();
            int before = stored.size();
            // Answering again means a new promise is stored after the update.
            awaitCount(stored, before + 20);
            System.out.printf("bundle:update of the promise tracker: writing again %d ms after the update returned;"
                    + " other answers meanwhile %s, e.g. %s%n",
                    (System.nanoTime() - updated) / 1_000_000, refusals, samples);
        } finally {
            running.set(false);
            writers.shutdown();
            assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS));
        }
        assertEquals(Bundle.ACTIVE, impl.getState());
        for (Integer status : refusals.keySet()) {
            // A caller may be refused while the module is swapped, but never told a write worked.
            assertTrue("answered " + status + " without storing: " + samples.get(status), status < 200 || status >= 400);
        }
        for (String id : stored) {
            HttpResponse<String> read = get(PROMISES + "/" + id, "sales", "sales");
            assertEquals("promise " + id + " answered 201 but is gone: " + read.body(), 200, read.statusCode());
        }
    }

    private static void awaitCount(List<String> stored, int count) throws InterruptedException {
        awaitTrue(count + " promises stored", WAIT, () -> stored.size() >= count);
    }
}
