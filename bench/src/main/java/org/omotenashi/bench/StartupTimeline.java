package org.omotenashi.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a cold start goes. Copies a distribution (with an empty data folder), gives it ports of its own,
 * starts it and notes when the web server first answers, when the suite first answers (503 while it
 * starts), and when readiness says 200; then reads the bundle starts from Karaf's log and prints the
 * slowest ones.
 * {@code mvn -q -f bench exec:java -Dexec.mainClass=org.omotenashi.bench.StartupTimeline
 * -Dexec.args=karaf-assembly/target/assembly}
 */
public final class StartupTimeline {
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss,SSS");
    private static final Pattern LOG_LINE = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT[\\d:,]+) \\|.*?\\| (.*)$");

    private StartupTimeline() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args.length > 0 ? args[0] : "karaf-assembly/target/assembly").toAbsolutePath();
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Path home = Files.createTempDirectory("omotenashi-start");
        run(home.getParent(), "cp", "-r", source.toString(), home.toString());
        home = home.resolve(source.getFileName());
        run(home, "rm", "-rf", "data");
        int http = freePort();
        set(home, "etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", http);
        set(home, "etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort());
        set(home, "etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort());
        set(home, "etc/org.apache.karaf.shell.cfg", "sshPort", freePort());
        set(home, "etc/config.properties", "karaf.shutdown.port", freePort());

        long t0 = System.nanoTime();
        LocalDateTime wallStart = LocalDateTime.now();
        Process karaf = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("console.out").toFile()).start();
        double webServer = -1;
        double suite = -1;
        double ready = -1;
        try {
            while (ready < 0 && System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(5)) {
                int status = status("http://localhost:" + http + "/api/v1/health/ready");
                double now = (System.nanoTime() - t0) / 1e9;
                if (status > 0 && webServer < 0) {
                    webServer = now;
                }
                if ((status == 503 || status == 200) && suite < 0) {
                    suite = now;
                }
                if (status == 200) {
                    ready = now;
                }
                Thread.sleep(20);
            }
            System.out.printf("cold start (empty data/): web server answers %.1f s, the suite answers %.1f s,"
                    + " ready %.1f s after bin/karaf%n", webServer, suite, ready);
            printBundleStarts(home.resolve("data/log/karaf.log"), wallStart, top);
        } finally {
            run(home, home.resolve("bin/stop").toString());
            karaf.waitFor(60, TimeUnit.SECONDS);
            karaf.destroyForcibly();
        }
    }

    /** Karaf logs each bundle of a deployment as it starts it: the gap to the next line is that bundle's start. */
    private static void printBundleStarts(Path log, LocalDateTime wallStart, int top) throws IOException {
        List<Object[]> marks = new ArrayList<>();
        LocalDateTime deploymentStart = null;
        LocalDateTime startingBundles = null;
        LocalDateTime done = null;
        boolean starting = false;
        for (String line : Files.readAllLines(log)) {
            Matcher m = LOG_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            LocalDateTime at = LocalDateTime.parse(m.group(1), LOG_TIME);
            String text = m.group(2);
            if (deploymentStart == null && text.startsWith("Changes to perform")) {
                deploymentStart = at;
            } else if (text.startsWith("Starting bundles:")) {
                starting = true;
                startingBundles = at;
            } else if (starting && text.equals("Done.")) {
                marks.add(new Object[] {at, "<done>"});
                done = at;
                break;
            } else if (starting && line.contains("FeaturesServiceImpl") && text.matches("\\s+\\S+/\\S+")) {
                marks.add(new Object[] {at, text.strip()});
            }
        }
        if (deploymentStart == null || startingBundles == null || done == null) {
            System.out.println("no complete boot deployment in " + log);
            return;
        }
        System.out.printf("  JVM and framework until the boot features are resolved: %.1f s%n", seconds(wallStart, deploymentStart));
        System.out.printf("  installing the bundles: %.1f s%n", seconds(deploymentStart, startingBundles));
        System.out.printf("  starting them: %.1f s%n", seconds(startingBundles, done));
        List<Object[]> spans = new ArrayList<>();
        for (int i = 0; i + 1 < marks.size(); i++) {
            spans.add(new Object[] {seconds((LocalDateTime) marks.get(i)[0], (LocalDateTime) marks.get(i + 1)[0]), marks.get(i)[1]});
        }
        spans.sort(Comparator.comparingDouble((Object[] s) -> (Double) s[0]).reversed());
        System.out.println("  slowest bundle starts (with everything their start set off, such as components activating):");
        for (Object[] span : spans.subList(0, Math.min(top, spans.size()))) {
            System.out.printf("    %5.2f s  %s%n", span[0], span[1]);
        }
    }

    private static double seconds(LocalDateTime from, LocalDateTime to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static int status(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            return c.getResponseCode();
        } catch (IOException notYet) {
            return -1;
        }
    }

    private static void set(Path home, String file, String key, int value) throws IOException {
        Path path = home.resolve(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(path));
        lines.removeIf(l -> l.strip().startsWith(key + " ") || l.strip().startsWith(key + "="));
        lines.add(key + " = " + value);
        Files.write(path, lines);
    }

    private static void run(Path dir, String... command) throws Exception {
        new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start().waitFor(120, TimeUnit.SECONDS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
