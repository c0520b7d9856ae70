package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches a distribution start: asks readiness over and over, and the moment it first says 200, asks
 * every module's address. Also notes any answer under /api that is not the suite's own (a web server's
 * or CXF's HTML page) after the suite has answered once.
 */
final class ReadinessWatch implements AutoCloseable {
    /** The gap between two calls of one background caller. */
    private static final Duration PACE = Duration.ofMillis(20);
    static final Map<String, String[]> MODULE_ADDRESSES = Map.of(
            "promises", new String[] {"/api/v1/promises?limit=1", "sales"},
            "handover", new String[] {"/api/v1/handovers?limit=1", "sales"},
            "survey", new String[] {"/api/v1/surveys", "deskadmin"},
            "escalation", new String[] {"/api/v1/escalation/rules", "deskadmin"});

    private final HttpCalls http;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread watcher;
    private final List<String> notReadyAnswers = new CopyOnWriteArrayList<>();
    private final List<String> foreignAnswers = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> modulesWhenReady = new ConcurrentHashMap<>();
    private volatile boolean ready;

    ReadinessWatch(HttpCalls http) {
        this.http = http;
        watcher = new Thread(this::watch, "readiness-watch");
        watcher.start();
    }

    private void watch() {
        boolean suiteAnswered = false;
        while (running.get() && !ready) {
            try {
                // A poll for readiness: what it gets before the 200 is the server or the suite not being up yet.
                HttpResponse<String> r = ExchangeLog.whileAwaiting(200,
                        () -> http.send("GET", "/api/v1/health/ready", null, null, null));
                String type = r.headers().firstValue("Content-Type").orElse("");
                if (!isHealthAnswer(type, r.body())) {
                    // Before the suite's front door is mounted the web server answers with a page of its own: the
                    // suite is not there yet, as when nothing listens. Once the suite has answered, never again.
                    if (suiteAnswered) {
                        foreignAnswers.add(r.statusCode() + " " + type + " " + r.body());
                    }
                } else if (r.statusCode() == 200) {
                    for (Map.Entry<String, String[]> module : MODULE_ADDRESSES.entrySet()) {
                        String[] call = module.getValue();
                        modulesWhenReady.put(module.getKey(), http.send("GET", call[0], call[1], call[1], null).statusCode());
                    }
                    ready = true;
                } else {
                    suiteAnswered = true;
                    notReadyAnswers.add(r.statusCode() + " " + r.body());
                }
            } catch (UncheckedIOException notListeningYet) {
                // the web server is not there yet
            }
            OmotenashiTestSupport.pace(PACE);
        }
    }

    /** The suite's readiness answer: JSON whose status is one of health's states, not a web server's own page. */
    private static boolean isHealthAnswer(String type, String body) {
        return type.startsWith("application/json") && body.matches("(?s).*\"status\"\\s*:\\s*\"(UP|DEGRADED|DOWN|STARTING|STOPPING)\".*");
    }

    void assertReadyOnlyOnceEveryModuleAnswers() throws InterruptedException {
        // The start may have seen readiness say 200 a moment before the watch did: give the watch its own 200.
        watcher.join(60_000);
        running.set(false);
        watcher.join(10_000);
        assertTrue("readiness said 200 at last", ready);
        assertTrue("readiness said 503 before it said 200: " + notReadyAnswers.stream().distinct().limit(5).toList(),
                notReadyAnswers.stream().allMatch(a -> a.startsWith("503")));
        assertTrue("readiness was asked while the suite started: " + notReadyAnswers.size(), !notReadyAnswers.isEmpty());
        for (String module : MODULE_ADDRESSES.keySet()) {
            assertEquals("when readiness first said 200, " + module + " answered", Integer.valueOf(200),
                    modulesWhenReady.get(module));
        }
        assertEquals("only the suite answers once it has answered once", List.of(), foreignAnswers);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        watcher.join(60_000);
    }
}
