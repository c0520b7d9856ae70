package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The distribution as an operator runs it, for tests that need a real process: unpacked into its own folder with
 * ports of its own, started with bin/karaf, stopped with bin/stop or killed, started again on the same data.
 */
final class AssemblyProcess implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path home;
    private final int httpPort;
    private final int sshPort;
    private final HttpCalls http;
    private Process karaf;

    /** Unpacks a fresh copy of the assembly under target/{@code folder}. */
    AssemblyProcess(String folder) throws Exception {
        File assembly = new File(System.getProperty("omotenashi.assembly.file", ""));
        assertTrue("the assembly tar.gz is built: " + assembly, assembly.isFile());
        Path target = Files.createDirectories(Path.of("target", folder));
        String unpacked = "omotenashi-karaf-" + System.getProperty("project.version");
        run(target, "rm", "-rf", unpacked);
        run(target, "tar", "xzf", assembly.getAbsolutePath());
        home = target.resolve(unpacked).toAbsolutePath();
        httpPort = OmotenashiTestSupport.freePort();
        sshPort = OmotenashiTestSupport.freePort();
        setProperty("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(httpPort));
        setProperty("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(OmotenashiTestSupport.freePort()));
        setProperty("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(OmotenashiTestSupport.freePort()));
        setProperty("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(sshPort));
        setProperty("etc/config.properties", "karaf.shutdown.port", Integer.toString(OmotenashiTestSupport.freePort()));
        http = new HttpCalls("http://localhost:" + httpPort);
    }

    Path home() {
        return home;
    }

    HttpCalls http() {
        return http;
    }

    String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    /** Writes a file below the Karaf home, e.g. a configuration in etc/. */
    void write(String file, String content) throws IOException {
        Files.writeString(home.resolve(file), content, StandardCharsets.UTF_8);
    }

    /** Sets {@code key = value} in a properties-style file below the Karaf home, replacing an earlier value. */
    void setProperty(String file, String key, String value) throws IOException {
        Path path = home.resolve(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(path));
        lines.removeIf(l -> l.strip().startsWith(key + " ") || l.strip().startsWith(key + "="));
        lines.add(key + " = " + value);
        Files.write(path, lines);
    }

    /** Boots the given features instead of the whole suite (the {@code omotenashi} umbrella). */
    void bootFeatures(String... features) throws IOException {
        Path path = home.resolve("etc/org.apache.karaf.features.cfg");
        String text = Files.readString(path);
        String replaced = text.replaceFirst("(?m)^(\\s*)omotenashi/[^,\\s]+", "$1" + String.join(", ", features));
        if (replaced.equals(text)) {
            throw new IllegalStateException("etc/org.apache.karaf.features.cfg does not boot omotenashi");
        }
        Files.writeString(path, replaced);
    }

    /**
     * Starts bin/karaf in the foreground as a child and waits until {@code readyPath} answers 200 to {@code user}.
     *
     * @return the seconds that took
     */
    double start(String readyPath, String user) throws Exception {
        return start(readyPath, user, "");
    }

    /** As {@link #start(String, String)}, with extra JVM options (e.g. a system property) for this run only. */
    double start(String readyPath, String user, String extraJavaOptions) throws Exception {
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.out").toFile()));
        if (!extraJavaOptions.isEmpty()) {
            builder.environment().put("EXTRA_JAVA_OPTS", extraJavaOptions);
        }
        karaf = builder.start();
        http.await(readyPath, user, user, 200, START_TIMEOUT, body -> true);
        return (System.nanoTime() - started) / 1e9;
    }

    /** Waits for the process to end by itself (it halted); returns its exit code. */
    int awaitExit(Duration timeout) throws Exception {
        assertTrue("karaf ends within " + timeout, karaf.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        return karaf.exitValue();
    }

    /** Stops it as an operator would, and waits for the process to end. */
    void shutdown() throws Exception {
        recordServedContract();
        run(home, home.resolve("bin/stop").toString());
        assertTrue("karaf stops within 60 s", karaf.waitFor(60, TimeUnit.SECONDS));
    }

    /** Kills the JVM at once (SIGKILL), as a power cut or the OOM killer would: nothing gets to clean up. */
    void kill() throws Exception {
        java().ifPresent(ProcessHandle::destroyForcibly);
        karaf.descendants().forEach(ProcessHandle::destroyForcibly);
        karaf.destroyForcibly();
        assertTrue("karaf is gone within 30 s", karaf.waitFor(30, TimeUnit.SECONDS));
    }

    /** Runs a console command through bin/client as {@code admin} and returns what it printed. */
    String console(String command) throws Exception {
        Process client = new ProcessBuilder(home.resolve("bin/client").toString(), "-u", "admin", "-p", "admin",
                "-a", Integer.toString(sshPort), "-r", "10", "-d", "1", "-b")
                .directory(home.toFile()).redirectErrorStream(true).start();
        client.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().close();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(command + " finishes within 120 s", client.waitFor(120, TimeUnit.SECONDS));
        assertEquals(command + ": " + output, 0, client.exitValue());
        return output;
    }

    /** The Java process behind bin/karaf. */
    Optional<ProcessHandle> java() {
        return karaf.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false)).findFirst();
    }

    /** Resident memory of the Java process, read from /proc. */
    long residentKiB() throws IOException {
        long pid = java().map(ProcessHandle::pid).orElse(karaf.pid());
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** The document this distribution serves, for the contract check of the exchanges made with it. */
    private void recordServedContract() {
        if (karaf != null && karaf.isAlive() && !System.getProperty(ExchangeLog.FOLDER, "").isBlank()) {
            try {
                http.send("GET", "/api/v1/openapi.json", "viewer", "viewer", null);
            } catch (RuntimeException e) {
                // not serving (killed, or not up yet): the exchanges meet the other runs' documents
            }
        }
    }

    @Override
    public void close() {
        recordServedContract();
        if (karaf != null && karaf.isAlive()) {
            karaf.descendants().forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly();
        }
    }

    static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        assertTrue(String.join(" ", command) + " finishes", p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(String.join(" ", command), 0, p.exitValue());
    }
}
