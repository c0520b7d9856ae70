package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
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
 * The distribution as an operator runs it: unpacked from the tar.gz the build made, on ports of its own,
 * started with bin/karaf, administered over Karaf's SSH console, stopped with bin/stop or killed.
 * For the process-level tests; the Pax Exam ones use {@link OmotenashiTestSupport}.
 */
final class Distribution implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration SHELL_TIMEOUT = Duration.ofSeconds(120);

    final Path home;
    final HttpCalls http;
    private final int sshPort;
    private Process karaf;
    private SshClient ssh;
    private ClientSession session;

    /** Unpacks a fresh copy into target/{@code name}. */
    Distribution(String name) throws Exception {
        File assembly = new File(System.getProperty("omotenashi.assembly.file", ""));
        assertTrue("the assembly tar.gz is built: " + assembly, assembly.isFile());
        Path target = Files.createDirectories(Path.of("target", name));
        String folder = "omotenashi-karaf-" + System.getProperty("project.version");
        run(target, "rm", "-rf", folder);
        run(target, "tar", "xzf", assembly.getAbsolutePath());
        home = target.resolve(folder).toAbsolutePath();
        int httpPort = freePort();
        sshPort = freePort();
        setProperty("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort);
        setProperty("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort());
        setProperty("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort());
        setProperty("etc/org.apache.karaf.shell.cfg", "sshPort", sshPort);
        setProperty("etc/config.properties", "karaf.shutdown.port", freePort());
        http = new HttpCalls("http://localhost:" + httpPort);
    }

    void setProperty(String file, String key, Object value) throws IOException {
        Path path = home.resolve(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(path));
        lines.removeIf(l -> l.strip().startsWith(key + " ") || l.strip().startsWith(key + "="));
        lines.add(key + " = " + value);
        Files.write(path, lines);
    }

    /** Starts bin/karaf in the foreground as a child process; returns at once. */
    void launch() throws IOException {
        karaf = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.out").toFile()))
                .start();
    }

    /** Starts and waits until readiness says the whole suite serves; returns the seconds that took. */
    double start() throws Exception {
        long started = System.nanoTime();
        launch();
        http.await("/api/v1/health/ready", null, null, 200, START_TIMEOUT, body -> true);
        return (System.nanoTime() - started) / 1e9;
    }

    /** bin/stop, as an operator stops it; waits for the process to end. */
    void stop() throws Exception {
        closeShell();
        run(home, home.resolve("bin/stop").toString());
        assertTrue("karaf stops within 90 s", karaf.waitFor(90, TimeUnit.SECONDS));
    }

    boolean running() {
        return karaf != null && karaf.isAlive();
    }

    /** The JVM behind bin/karaf. */
    long pid() {
        Optional<ProcessHandle> java = karaf.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false)).findFirst();
        return java.map(ProcessHandle::pid).orElse(karaf.pid());
    }

    /** A console command over SSH as the admin user, e.g. {@code feature:uninstall omotenashi-promises}. */
    String shell(String command) throws Exception {
        if (session == null) {
            ssh = SshClient.setUpDefaultClient();
            ssh.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            ssh.start();
            session = ssh.connect("admin", "localhost", sshPort).verify(30, TimeUnit.SECONDS).getSession();
            session.addPasswordIdentity("admin");
            session.auth().verify(30, TimeUnit.SECONDS);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ChannelExec exec = session.createExecChannel(command)) {
            exec.setOut(out);
            exec.setErr(out);
            exec.open().verify(30, TimeUnit.SECONDS);
            exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), SHELL_TIMEOUT.toMillis());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** jcmd against the running JVM, e.g. {@code GC.run}. */
    String jcmd(String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(jdkTool("jcmd"), Long.toString(pid())));
        args.addAll(List.of(command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("jcmd answers", p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    /** Class loaders alive and metaspace in use after a full collection (which unloads what it can). */
    Memory memoryAfterFullGc() throws Exception {
        jcmd("GC.run");
        jcmd("GC.run");
        Matcher loaders = Pattern.compile("Total = (\\d+)").matcher(jcmd("VM.classloader_stats"));
        Matcher metaspace = Pattern.compile("Metaspace\\s+used (\\d+)K").matcher(jcmd("GC.heap_info"));
        assertTrue("class loader statistics", loaders.find());
        assertTrue("metaspace figures", metaspace.find());
        return new Memory(Integer.parseInt(loaders.group(1)), Long.parseLong(metaspace.group(1)) / 1024.0);
    }

    record Memory(int classLoaders, double metaspaceMiB) {
        @Override
        public String toString() {
            return String.format("%d class loaders, metaspace %.1f MiB", classLoaders, metaspaceMiB);
        }
    }

    String log() throws IOException {
        return Files.readString(home.resolve("data/log/karaf.log"));
    }

    private void closeShell() {
        try {
            if (session != null) {
                session.close();
            }
            if (ssh != null) {
                ssh.stop();
            }
        } catch (IOException e) {
            // the shell goes with the process anyway
        }
        session = null;
        ssh = null;
    }

    @Override
    public void close() {
        closeShell();
        if (karaf != null && karaf.isAlive()) {
            karaf.descendants().forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly();
        }
    }

    private static String jdkTool(String name) {
        Path tool = Path.of(System.getProperty("java.home"), "bin", name);
        return Files.isExecutable(tool) ? tool.toString() : name;
    }

    static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        assertTrue(String.join(" ", command) + " finishes", p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(String.join(" ", command), 0, p.exitValue());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
