package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The data directory fills up and is freed again, on the real distribution with the embedded Derby. The
 * database lives on a small tmpfs the test mounts (which needs root, as the CI has; elsewhere the test is
 * skipped): a real full disk, with Derby's own reaction to it, rather than a simulated one.
 * While full: writes get a quick 503 that says nothing was changed (and it is true) or an honest
 * "outcome unknown", readiness says DOWN, and the log gets a line a minute, not one per request. Once
 * freed: writes work again and readiness says UP without anyone restarting anything: in the same JVM as a
 * rule, or, when Derby cannot give the database back within the JVM, in the JVM the distribution restarts
 * by itself (the test says which).
 */
public class DiskFullIT {
    private static final Duration BOUND = Duration.ofSeconds(60);

    private AssemblyProcess distribution;
    private Path mount;
    private boolean mounted;

    @Before
    public void onASmallDisk() throws Exception {
        distribution = new AssemblyProcess("diskfull-it");
        mount = Files.createDirectories(distribution.home().resolve("data/omotenashi"));
        // Room for the migrated database and its transaction log with well over the 16 MiB the data source wants
        // free before it opens a failed database again, once the test's filler is gone.
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        mounted = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        assumeTrue("mounting a tmpfs needs root (the CI runs as root): "
                + new String(p.getInputStream().readAllBytes()), mounted);
        distribution.start(AssemblyProcess.READY, null);
    }

    @After
    public void unmount() throws Exception {
        try {
            distribution.close();
        } finally {
            if (mounted) {
                new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    public void aFullDiskGivesQuickHonest503sAndTheSuiteComesBackByItselfWhenThereIsRoom() throws Exception {
        HttpCalls http = distribution.http();
        long logBefore = Files.size(distribution.home().resolve("data/log/karaf.log"));
        long jvm = distribution.java().orElseThrow().pid();
        Path filler = mount.resolve("filler");
        fill(filler);

        List<WriteLedger.Answer> whileFull;
        try (WriteLedger writers = new WriteLedger(http, 4)) {
            // writes on a full disk are refused
            writers.awaitAnswers(503, 50, BOUND);
            http.await("/api/v1/health/ready", null, null, 503, BOUND, body -> body.contains("DOWN"));
            writers.close();
            whileFull = writers.answers();
        }
        long logWhileFull = Files.size(distribution.home().resolve("data/log/karaf.log")) - logBefore;

        Files.delete(filler);
        http.await("/api/v1/health/ready", null, null, 200, BOUND, body -> body.contains("UP"));
        String again = "c-after-" + System.nanoTime();
        assertEquals(201, http.send("POST", "/api/v1/promises", "sales", "sales",
                PromisesApiIT.promiseJson(again, java.time.Instant.now().plus(Duration.ofDays(1)))).statusCode());

        long refused = 0;
        long slowest = 0;
        for (WriteLedger.Answer answer : whileFull) {
            if (answer.status() == 201) {
                assertTrue("a 201 is stored: " + answer, WriteLedger.stored(http, answer.customer()));
                continue;
            }
            boolean unknown = answer.status() == 500 && "urn:omotenashi:problem:outcome-unknown".equals(answer.type());
            assertTrue("a refused write says it changed nothing, or that its outcome is unknown: " + answer,
                    answer.saysNothingChanged() || unknown);
            if (answer.saysNothingChanged()) {
                assertFalse("a 503 said nothing was changed, and nothing was: " + answer,
                        WriteLedger.stored(http, answer.customer()));
                refused++;
                slowest = Math.max(slowest, answer.millis());
            }
        }
        System.out.printf("disk full: %d answers, %d refused with 503 (slowest %d ms), log grew %d KiB; back %s%n",
                whileFull.size(), refused, slowest, logWhileFull / 1024,
                distribution.java().orElseThrow().pid() == jvm ? "in the same JVM" : "in a restarted JVM");
        assertTrue("refusals come quickly, not after a client's timeout: " + slowest + " ms", slowest < 10_000);
        assertTrue("a repeated failure is logged once a minute, not per request: " + logWhileFull / 1024 + " KiB",
                logWhileFull < 512 * 1024);
    }

    /** Writes zeros until the disk is full. */
    private static void fill(Path filler) throws IOException {
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // "No space left on device": that is the point
        }
    }
}
