package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * README's swap procedure, run on the real distribution exactly as written there, over Karaf's SSH
 * console, for each module in turn, while 8 writers and 4 readers keep calling the other three:
 * not one of their calls may fail, the swapped module must come back every time, and class loaders and
 * metaspace must stay flat (measured after full collections with jcmd).
 *
 * <p>Each module is swapped {@value #WARM_UP_ROUNDS} times first, round by round (the first swaps load
 * code paths and keep the previous generation of a module in a few caches until the next one replaces
 * it); the memory baseline is taken after that, and compared after {@value #DEFAULT_SWAPS} more rounds in
 * the CI run. {@code -Domotenashi.itest.swaps=20} runs twenty.
 */
public class SwapUnderLoadIT {
    static final int WARM_UP_ROUNDS = 2;
    static final int DEFAULT_SWAPS = 2;
    private static final Duration BACK = Duration.ofSeconds(90);
    /**
     * What "flat" allows, measured after the warm-up swaps: a bundle class loader or two that a collection
     * has not reclaimed yet, and a few MiB of metaspace for code that the JVM compiles or inflates (the JDK's
     * reflection accessors) as the load goes on. A leak of one module per swap would be 6 bundle loaders and
     * several MiB per swap.
     */
    private static final int LOADER_TOLERANCE = 2;
    private static final double METASPACE_TOLERANCE_MIB = 4.0;

    private AssemblyProcess distribution;

    @Before
    public void start() throws Exception {
        distribution = new AssemblyProcess("swap-it");
        distribution.start(AssemblyProcess.READY, null);
    }

    @After
    public void stop() {
        distribution.close();
    }

    /** README: "feature:uninstall omotenashi-promises", then "feature:install omotenashi-promises". */
    private void swap(String module) throws Exception {
        String feature = "omotenashi-" + module;
        String removed = distribution.shell("feature:uninstall " + feature);
        assertTrue(feature + " uninstalls without complaint: " + removed, removed.isBlank());
        HttpResponse<String> gone = distribution.http().await(readPath(module), "deskadmin", "deskadmin", 404, BACK,
                body -> body.contains("\"status\":404"));
        assertTrue(gone.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        String installed = distribution.shell("feature:install " + feature);
        assertTrue(feature + " installs without complaint: " + installed, installed.isBlank());
        distribution.http().await(readPath(module), "deskadmin", "deskadmin", 200, BACK, body -> true);
    }

    private static String readPath(String module) {
        return switch (module) {
            case "promises" -> "/api/v1/promises?limit=1";
            case "handover" -> "/api/v1/handovers?limit=1";
            case "survey" -> "/api/v1/surveys";
            default -> "/api/v1/escalation/rules";
        };
    }

    @Test
    public void eachModuleIsSwappedUnderLoadWhileTheOthersServeEveryCall() throws Exception {
        int swaps = Integer.getInteger("omotenashi.itest.swaps", DEFAULT_SWAPS);
        Map<String, Long> servedMeanwhile = new LinkedHashMap<>();
        AssemblyProcess.Memory baseline;
        AssemblyProcess.Memory after;
        long started = System.nanoTime();
        try (SuiteLoad load = new SuiteLoad(distribution.http(), 8, 4)) {
            rounds(load, WARM_UP_ROUNDS);
            baseline = quietMemory(load);
            rounds(load, swaps);
            after = quietMemory(load);
            for (String module : SuiteLoad.MODULES) {
                servedMeanwhile.put(module, load.served(module));
                assertEquals("calls to " + module + " failed while another module was swapped: "
                        + load.failures().get(module), 0, load.failed(module));
            }
        }
        System.out.printf("%d swaps per module under load in %.0f s; calls served per module %s;"
                        + " after the warm-up swaps %s, after all swaps %s%n", swaps + WARM_UP_ROUNDS,
                (System.nanoTime() - started) / 1e9, servedMeanwhile, baseline, after);
        assertTrue("bundle class loaders stay flat: " + baseline + " -> " + after,
                after.bundleClassLoaders() <= baseline.bundleClassLoaders() + LOADER_TOLERANCE);
        assertTrue("metaspace stays flat: " + baseline + " -> " + after,
                after.metaspaceMiB() <= baseline.metaspaceMiB() + METASPACE_TOLERANCE_MIB);
        String log = distribution.log();
        assertTrue("a clean swap logs no stack trace", !log.contains("\tat "));
    }

    /** Each module swapped once per round, while the load goes to the other three. */
    private void rounds(SuiteLoad load, int rounds) throws Exception {
        for (int round = 0; round < rounds; round++) {
            for (String module : SuiteLoad.MODULES) {
                load.target(othersThan(module));
                swap(module);
            }
        }
    }

    /** Memory with no call under way (calls in flight hold what they use), then the load goes on. */
    private AssemblyProcess.Memory quietMemory(SuiteLoad load) throws Exception {
        load.target(Set.of());
        load.awaitIdle();
        AssemblyProcess.Memory memory = distribution.memoryAfterFullGc();
        load.target(new HashSet<>(SuiteLoad.MODULES));
        return memory;
    }

    private static Set<String> othersThan(String module) {
        Set<String> others = new HashSet<>(SuiteLoad.MODULES);
        others.remove(module);
        return others;
    }
}
