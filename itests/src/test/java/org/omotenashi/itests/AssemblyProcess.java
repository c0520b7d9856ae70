package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/**
 * The distribution as an operator runs it, for tests that need a real process: unpacked into its own folder with
 * ports of its own, started with bin/karaf, stopped with bin/stop or killed, started again on the same data.
 */
final class AssemblyProcess implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** Readiness, without credentials: 200 once every installed module serves. */
    static final String READY = "/api/v1/health/ready";
    private static final Duration SHELL_TIMEOUT = Duration.ofSeconds(120);

    private final Path home;
    private final int httpPort;
    private final int sshPort;
    private final HttpCalls http;
    private Process karaf;
    private SshClient ssh;

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
        if (Files.exists(home.resolve("etc/org.apache.karaf.management.cfg"))) {
            // The distribution does not boot JMX; a build that does gets RMI ports of the test's own too.
            setProperty("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(OmotenashiTestSupport.freePort()));
            setProperty("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(OmotenashiTestSupport.freePort()));
        }
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

    /** Boots the given features instead of the suite's own (the core and the four modules). */
    void bootFeatures(String... features) throws IOException {
        Path path = home.resolve("etc/org.apache.karaf.features.cfg");
        List<String> lines = new ArrayList<>();
        boolean replaced = false;
        for (String line : Files.readAllLines(path)) {
            if (!line.strip().matches("omotenashi[-a-z]*/\\S+")) {
                lines.add(line);
            } else if (!replaced) {
                lines.add(line.replaceFirst("omotenashi[-a-z]*/[^,\\s]+", String.join(", ", features)));
                replaced = true;
            }
        }
        if (!replaced) {
            throw new IllegalStateException("etc/org.apache.karaf.features.cfg boots no omotenashi feature");
        }
        Files.write(path, lines);
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
        closeShell();
        recordServedContract();
        run(home, home.resolve("bin/stop").toString());
        assertTrue("karaf stops within 90 s", karaf.waitFor(90, TimeUnit.SECONDS));
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

    /**
     * A console command over SSH as {@code admin}, e.g. {@code feature:uninstall omotenashi-promises}: as an
     * admin types it, without a JVM of its own per command. Karaf ends the session after each command.
     */
    String shell(String command) throws Exception {
        if (ssh == null) {
            ssh = SshClient.setUpDefaultClient();
            ssh.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            ssh.start();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ClientSession session = ssh.connect("admin", "localhost", sshPort).verify(30, TimeUnit.SECONDS).getSession()) {
            session.addPasswordIdentity("admin");
            session.auth().verify(30, TimeUnit.SECONDS);
            try (ChannelExec exec = session.createExecChannel(command)) {
                exec.setOut(out);
                exec.setErr(out);
                exec.open().verify(30, TimeUnit.SECONDS);
                exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), SHELL_TIMEOUT.toMillis());
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private void closeShell() {
        if (ssh != null) {
            ssh.stop();
            ssh = null;
        }
    }

    /** jcmd against the running JVM, e.g. {@code GC.run}. */
    String jcmd(String... command) throws Exception {
        Path tool = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> args = new ArrayList<>(List.of(Files.isExecutable(tool) ? tool.toString() : "jcmd",
                Long.toString(java().map(ProcessHandle::pid).orElse(karaf.pid()))));
        args.addAll(List.of(command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("jcmd answers", p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    /**
     * After full collections (which unload what can be unloaded): the bundle class loaders alive (a bundle
     * that was uninstalled but is still referenced keeps its loader), all class loaders (also the JDK's
     * small ones for reflection, which come and go), and the metaspace in use.
     */
    Memory memoryAfterFullGc() throws Exception {
        jcmd("GC.run");
        jcmd("GC.run");
        Matcher bundles = Pattern.compile("\\s(\\d+)\\s+\\d+\\s+org\\.apache\\.felix\\.framework\\.BundleWiringImpl\\$BundleClassLoader\\b")
                .matcher(jcmd("GC.class_histogram"));
        Matcher loaders = Pattern.compile("Total = (\\d+)").matcher(jcmd("VM.classloader_stats"));
        Matcher metaspace = Pattern.compile("Metaspace\\s+used (\\d+)K").matcher(jcmd("GC.heap_info"));
        assertTrue("bundle class loaders in the histogram", bundles.find());
        assertTrue("class loader statistics", loaders.find());
        assertTrue("metaspace figures", metaspace.find());
        return new Memory(Integer.parseInt(bundles.group(1)), Integer.parseInt(loaders.group(1)),
                Long.parseLong(metaspace.group(1)) / 1024.0);
    }

    record Memory(int bundleClassLoaders, int classLoaders, double metaspaceMiB) {
        @Override
        public String toString() {
            return String.format("%d bundle class loaders (%d class loaders in all), metaspace %.1f MiB",
                    bundleClassLoaders, classLoaders, metaspaceMiB);
        }
    }

    /** Karaf's log so far. */
    String log() throws IOException {
        return Files.readString(home.resolve("data/log/karaf.log"));
    }

    /** What bin/karaf printed into its console so far, blank lines and bin/inc's own note on JAVA_HOME aside. */
    List<String> printedOnConsole() throws IOException {
        return Files.readAllLines(home.resolve("console.out")).stream()
                .filter(l -> !l.isBlank() && !l.endsWith("JAVA_HOME not set; results may vary")).toList();
    }

    /** The Java process behind bin/karaf. */
    Optional<ProcessHandle> java() {
        return karaf.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false)).findFirst();
    }

    /** The class archives (bin/class-archive) in lib/cds, by file name: made, checked, or refused. */
    List<String> classArchiveFiles() throws IOException {
        Path dir = home.resolve("lib/cds");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** Whether the running JVM has a class archive of lib/cds mapped, read from /proc. */
    boolean usesClassArchive() throws IOException {
        long pid = java().map(ProcessHandle::pid).orElseThrow();
        String archives = home.resolve("lib/cds").toString() + "/karaf-";
        return Files.readAllLines(Path.of("/proc/" + pid + "/maps")).stream().anyMatch(l -> l.contains(archives));
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
        try {
            closeShell();
            recordServedContract();
        } finally {
            if (karaf != null) {
                // the JVM first: once bin/karaf is gone, its JVM would no longer be found among its descendants
                java().ifPresent(ProcessHandle::destroyForcibly);
                karaf.descendants().forEach(ProcessHandle::destroyForcibly);
                karaf.destroyForcibly();
                try {
                    karaf.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        assertTrue(String.join(" ", command) + " finishes", p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(String.join(" ", command), 0, p.exitValue());
    }
}
