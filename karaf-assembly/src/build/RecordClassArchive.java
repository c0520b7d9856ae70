import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Records the class archive that a new installation starts with (bin/class-archive). It runs a copy of the
 * distribution once, as a new installation's first start runs: with ports of its own, until readiness answers 200,
 * then bin/stop. Its JVM writes the classes it loaded into the copy's lib/cds, and that archive goes into the
 * distribution, where the first start checks it before taking it into use. bin/karaf names its class path relative
 * to the installation (this pom makes it so), so the archive fits every installation unpacked from this
 * distribution and run with this JDK; with another JDK, bin/class-archive makes one of its own as before.
 * <pre>
 * java RecordClassArchive.java &lt;distribution folder&gt; &lt;work folder&gt;
 * </pre>
 */
public final class RecordClassArchive {
    private static final Duration START = Duration.ofSeconds(180);
    private static final Duration STOP = Duration.ofSeconds(120);

    private RecordClassArchive() {
    }

    public static void main(String[] args) throws Exception {
        Path distribution = Path.of(args[0]).toAbsolutePath();
        Path copy = Path.of(args[1]).toAbsolutePath();
        deleteTree(copy);
        copyTree(distribution, copy);
        // A new installation: no data yet, and no archive (an earlier build's would be taken into use, not made).
        deleteTree(copy.resolve("data"));
        deleteTree(copy.resolve("lib/cds"));
        int http = freePort();
        setProperty(copy.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", http);
        setProperty(copy.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", freePort());
        setProperty(copy.resolve("etc/config.properties"), "karaf.shutdown.port", freePort());

        Process karaf = asShipped(new ProcessBuilder(copy.resolve("bin/karaf").toString(), "server"), copy)
                .redirectOutput(copy.resolve("console.out").toFile()).start();
        try {
            awaitReady(karaf, URI.create("http://localhost:" + http + "/api/v1/health/ready"), copy);
            Process stop = asShipped(new ProcessBuilder(copy.resolve("bin/stop").toString()), copy)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!stop.waitFor(STOP.toSeconds(), TimeUnit.SECONDS) || !karaf.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the copy did not stop within " + STOP + "; see " + copy.resolve("data/log"));
            }
        } finally {
            karaf.descendants().forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly();
        }
        ship(copy.resolve("lib/cds"), distribution.resolve("lib/cds"));
    }

    /**
     * Runs as the distribution comes, whatever the builder's environment says: Karaf's folders and the JVM options
     * are the copy's own. The JDK (JAVA_HOME, PATH) stays, since the archive is made for it.
     */
    private static ProcessBuilder asShipped(ProcessBuilder builder, Path copy) {
        builder.environment().keySet().removeIf(name -> name.startsWith("KARAF_") || name.startsWith("OMOTENASHI_")
                || name.equals("JAVA_OPTS") || name.equals("EXTRA_JAVA_OPTS"));
        return builder.directory(copy.toFile()).redirectErrorStream(true);
    }

    private static void awaitReady(Process karaf, URI ready, Path copy) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!karaf.isAlive()) {
                throw new IllegalStateException("bin/karaf ended with " + karaf.exitValue() + " before it was ready; see "
                        + copy.resolve("console.out") + " and " + copy.resolve("data/log"));
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the web server is not up yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(ready + " did not answer 200 within " + START + "; see " + copy.resolve("data/log"));
    }

    /**
     * The archive the stop wrote (bin/class-archive names it karaf-&lt;key&gt;.jsa.new) goes into the distribution as
     * lib/cds/shipped.jsa, which a new installation's first start checks against its own JDK and jars.
     */
    private static void ship(Path made, Path shipped) throws IOException {
        List<Path> archives = list(made, ".jsa.new");
        if (archives.size() != 1) {
            if (!list(made, ".failed").isEmpty()) {
                System.out.println("This JDK makes no class archive (bin/class-archive); the distribution ships none.");
                return;
            }
            throw new IllegalStateException("expected one class archive in " + made + ", found " + archives);
        }
        Files.createDirectories(shipped);
        for (Path old : list(shipped, "")) {
            Files.delete(old);
        }
        Path archive = archives.get(0);
        Files.copy(archive, shipped.resolve("shipped.jsa"), StandardCopyOption.COPY_ATTRIBUTES);
        System.out.printf("Class archive lib/cds/shipped.jsa (%d MB) recorded for the distribution.%n",
                Files.size(archive) >> 20);
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private static void setProperty(Path file, String key, int value) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.removeIf(l -> l.strip().matches(java.util.regex.Pattern.quote(key) + "\\s*=.*"));
        lines.add(key + " = " + value);
        Files.write(file, lines);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A copy with the jars' times and modes kept: the JVM checks the class path's jars against the archive by them. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
