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
 * Where a start goes. Copies a distribution (with an empty data folder), gives it ports of its own, starts it
 * and notes when the web server first answers, when the suite first answers (503 while it starts) and when
 * readiness says 200; then stops it and starts it again on the same data (a restart), as often as asked.
 * After each start it reads Karaf's log and prints the phases of the start, each schema migration, the
 * slowest bundle starts and the longest silences of each thread. The copy is a new installation, with the class
 * archive the distribution ships (bin/class-archive), which its first start checks and maps;
 * {@code -Domotenashi.withoutShippedClassArchive=true} removes that from the copy, so that its first start has none
 * and its first stop makes one, as with a JDK other than the build's. With
 * {@code -Domotenashi.emptyData=true} every start begins with an empty data folder, so the starts after the first
 * are first starts of an installation that has its class archive. With {@code -Domotenashi.busyCores=1} a thread of
 * the bench keeps one core busy during each start (until readiness says 200), as another program on the machine would.
 * A new installation's database starts as a copy of the one the distribution ships (lib/new-derby-database), with
 * every schema migrated; {@code -Domotenashi.withoutShippedDatabase=true} removes that from the copy, so that its first
 * starts create the database and migrate every schema, as a distribution without it would.
 * <pre>
 * java -cp bench/target/classes org.omotenashi.bench.StartupTimeline karaf-assembly/target/assembly [top] [restarts]
 * </pre>
 * ({@code -Domotenashi.keep=true} keeps the copy and its logs.)
 */
public final class StartupTimeline {
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss,SSS");
    /** time | level | thread | logger | bundle | message: the message is everything after the fifth column. */
    private static final Pattern LOG_LINE = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\dT[\\d:,]+) \\|[^|]*\\| ([^|]*?)\\s*\\| ([^|]*?)\\s*\\|[^|]*\\| (.*)$");
    private static final Pattern MIGRATION = Pattern.compile("^Schema (\\S+) (.*) in (\\d+) ms.*");

    private StartupTimeline() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args.length > 0 ? args[0] : "karaf-assembly/target/assembly").toAbsolutePath();
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int restarts = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path home = Files.createTempDirectory("omotenashi-start");
        // -p keeps the jars' times, by which the JVM checks them against the class archive
        run(home.getParent(), "cp", "-rp", source.toString(), home.toString());
        home = home.resolve(source.getFileName());
        run(home, "rm", "-rf", "data");
        if (Boolean.getBoolean("omotenashi.withoutShippedClassArchive")) {
            run(home, "rm", "-rf", "lib/cds");
        }
        if (Boolean.getBoolean("omotenashi.withoutShippedDatabase")) {
            run(home, "rm", "-rf", "lib/new-derby-database");
        }
        int http = freePort();
        set(home, "etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", http);
        set(home, "etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort());
        set(home, "etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort());
        set(home, "etc/org.apache.karaf.shell.cfg", "sshPort", freePort());
        set(home, "etc/config.properties", "karaf.shutdown.port", freePort());
        boolean emptyData = Boolean.getBoolean("omotenashi.emptyData");
        try {
            for (int i = 0; i <= restarts; i++) {
                if (i > 0 && emptyData) {
                    run(home, "rm", "-rf", "data");
                }
                String archive = classArchive(home) ? "with the class archive" : "no class archive";
                String what = (i == 0 ? "first start of a new installation (empty data/, "
                        : emptyData ? "first start (empty data/, " : "restart (data/ kept, ") + archive + ")";
                start(home, http, what, top);
            }
        } finally {
            if (Boolean.getBoolean("omotenashi.keep")) {
                System.out.println("kept: " + home);
            } else {
                run(home.getParent(), "rm", "-rf", home.getParent().toString());
            }
        }
    }

    private static void start(Path home, int http, String what, int top) throws Exception {
        Path log = home.resolve("data/log/karaf.log");
        long logged = Files.exists(log) ? Files.readAllLines(log).size() : 0;
        long t0 = System.nanoTime();
        LocalDateTime wallStart = LocalDateTime.now();
        int busyCores = Integer.getInteger("omotenashi.busyCores", 0);
        Process karaf = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("console.out").toFile()).start();
        double webServer = -1;
        double suite = -1;
        double ready = -1;
        try {
            try (BusyCores busy = new BusyCores(busyCores)) {
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
            }
            String cpu = cpuSeconds(karaf);
            System.out.printf("%s: web server answers %.1f s, the suite answers %.1f s, ready %.1f s after bin/karaf"
                    + " (%s s of CPU time; load average %s%s)%n", what, webServer, suite, ready, cpu, loadAverage(),
                    busyCores > 0 ? ", " + busyCores + " core(s) kept busy meanwhile" : "");
            // A first start logs "Done." when its boot deployment ends, a moment after the last module went up.
            waitForLine(log, logged, "Done.", logged == 0 ? 30 : 1);
            printTimeline(Files.readAllLines(log).stream().skip(logged).toList(), wallStart, ready, top);
        } finally {
            long stopping = System.nanoTime();
            run(home, home.resolve("bin/stop").toString());
            if (!karaf.waitFor(60, TimeUnit.SECONDS)) {
                karaf.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            System.out.printf("  stopped %.1f s after bin/stop%s%n", (System.nanoTime() - stopping) / 1e9,
                    classArchive(home) ? "" : " (no class archive made)");
        }
    }

    private static boolean classArchive(Path home) throws IOException {
        Path dir = home.resolve("lib/cds");
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().matches("karaf-.*\\.jsa(\\.new)?|shipped\\.jsa"));
        }
    }

    private record Line(LocalDateTime at, String thread, String logger, String message) {
    }

    private static List<Line> parse(List<String> raw) {
        List<Line> lines = new ArrayList<>();
        for (String text : raw) {
            Matcher m = LOG_LINE.matcher(text);
            if (m.matches()) {
                lines.add(new Line(LocalDateTime.parse(m.group(1), LOG_TIME), m.group(2).strip(), m.group(3).strip(),
                        m.group(4)));
            }
        }
        return lines;
    }

    private static void printTimeline(List<String> raw, LocalDateTime wallStart, double ready, int top) {
        List<Line> lines = parse(raw);
        System.out.println("  timeline (seconds after bin/karaf):");
        mark(lines, wallStart, "framework up, boot features asked for", l -> l.message().startsWith("Adding features"));
        mark(lines, wallStart, "boot features resolved", l -> l.message().startsWith("Changes to perform"));
        mark(lines, wallStart, "bundles installed, starting them", l -> l.message().startsWith("Starting bundles:"));
        mark(lines, wallStart, "web server listening", l -> l.message().startsWith("Started ServerConnector")
                || l.message().startsWith("Started default@"));
        mark(lines, wallStart, "suite's front bound to the web server",
                l -> l.message().contains("Binding HTTP Service for bundle: [org.omotenashi.omotenashi-web"));
        mark(lines, wallStart, "data source created", l -> l.message().contains("Creating DataSource"));
        mark(lines, wallStart, "database open (pool started)", l -> l.message().contains("Start completed"));
        mark(lines, wallStart, "first endpoint published", l -> l.message().startsWith("Setting the server's publish address"));
        markLast(lines, wallStart, "last endpoint published", l -> l.message().startsWith("Setting the server's publish address"));
        markLast(lines, wallStart, "boot features installed (Done.)", l -> l.message().equals("Done."));
        System.out.printf("    %5.1f  ready (200)%n", ready);

        System.out.println("  schema migrations (one at a time, in the order the modules asked):");
        double migrating = 0;
        for (Line l : lines) {
            Matcher m = MIGRATION.matcher(l.message());
            if (m.matches()) {
                double ms = Long.parseLong(m.group(3));
                migrating += ms / 1000;
                System.out.printf("    %5.1f  %5.2f s  %-36s %s  [%s]%n", seconds(wallStart, l.at()) - ms / 1000, ms / 1000,
                        m.group(1), m.group(2), l.thread());
            }
        }
        System.out.printf("           %5.2f s  in all%n", migrating);

        printBundleStarts(lines, top);
        printSilences(lines, wallStart, top);
    }

    /** Karaf logs each bundle of a deployment as it starts it: the gap to the next such line is that bundle's start. */
    private static void printBundleStarts(List<Line> lines, int top) {
        List<Object[]> marks = new ArrayList<>();
        boolean starting = false;
        for (Line l : lines) {
            if (l.message().startsWith("Starting bundles:")) {
                starting = true;
            } else if (starting && l.message().equals("Done.")) {
                marks.add(new Object[] {l.at(), "<done>"});
                break;
            } else if (starting && l.logger().equals("FeaturesServiceImpl") && l.message().matches("\\s+\\S+/\\S+")) {
                marks.add(new Object[] {l.at(), l.message().strip()});
            }
        }
        List<Object[]> spans = new ArrayList<>();
        for (int i = 0; i + 1 < marks.size(); i++) {
            spans.add(new Object[] {seconds((LocalDateTime) marks.get(i)[0], (LocalDateTime) marks.get(i + 1)[0]),
                    marks.get(i)[1]});
        }
        spans.sort(Comparator.comparingDouble((Object[] s) -> (Double) s[0]).reversed());
        System.out.println("  slowest bundle starts (with everything their start set off in that thread,"
                + " such as components activating):");
        for (Object[] span : spans.subList(0, Math.min(top, spans.size()))) {
            System.out.printf("    %5.2f s  %s%n", span[0], span[1]);
        }
    }

    /** The longest gaps between two lines of one thread: what that thread did after the first line. */
    private static void printSilences(List<Line> lines, LocalDateTime wallStart, int top) {
        List<Object[]> gaps = new ArrayList<>();
        java.util.Map<String, Line> last = new java.util.HashMap<>();
        for (Line l : lines) {
            Line before = last.put(l.thread(), l);
            if (before != null) {
                gaps.add(new Object[] {seconds(before.at(), l.at()), before, l});
            }
        }
        gaps.sort(Comparator.comparingDouble((Object[] g) -> (Double) g[0]).reversed());
        System.out.println("  longest steps (a thread's time between two of its log lines, at, thread, after -> before):");
        for (Object[] g : gaps.subList(0, Math.min(top, gaps.size()))) {
            Line a = (Line) g[1];
            Line b = (Line) g[2];
            System.out.printf("    %5.2f s  at %4.1f  %-20s %s -> %s%n", g[0], seconds(wallStart, a.at()),
                    shorten(a.thread(), 20), shorten(a.message(), 70), shorten(b.message(), 60));
        }
    }

    private interface Test {
        boolean matches(Line line);
    }

    private static void mark(List<Line> lines, LocalDateTime wallStart, String what, Test test) {
        for (Line l : lines) {
            if (test.matches(l)) {
                System.out.printf("    %5.1f  %s%n", seconds(wallStart, l.at()), what);
                return;
            }
        }
        System.out.printf("        -  %s (not logged)%n", what);
    }

    private static void markLast(List<Line> lines, LocalDateTime wallStart, String what, Test test) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (test.matches(lines.get(i))) {
                System.out.printf("    %5.1f  %s%n", seconds(wallStart, lines.get(i).at()), what);
                return;
            }
        }
    }

    private static String shorten(String text, int max) {
        String t = text.strip();
        return t.length() <= max ? t : t.substring(0, max - 1) + "…";
    }

    private static void waitForLine(Path log, long skip, String message, int seconds) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < until) {
            if (parse(Files.readAllLines(log).stream().skip(skip).toList()).stream()
                    .anyMatch(l -> l.message().equals(message))) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** CPU time the server's JVM (bin/karaf's java) has used so far, user and system, from /proc. */
    private static String cpuSeconds(Process karaf) {
        try {
            ProcessHandle java = karaf.descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false)).findFirst().orElseThrow();
            String stat = Files.readString(Path.of("/proc/" + java.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of stat (11 and 12 after the command), in clock ticks of 1/100 s
            return String.format("%.1f", (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0);
        } catch (IOException | RuntimeException unknown) {
            return "?";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException unknown) {
            return "?";
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
        if (!Files.exists(path)) {
            return; // e.g. JMX's configuration, in a distribution that does not boot JMX
        }
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
