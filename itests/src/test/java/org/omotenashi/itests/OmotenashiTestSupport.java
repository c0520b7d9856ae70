package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.CoreOptions.when;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.security.auth.Subject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.KarafDistributionBaseConfigurationOption;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.event.Event;

/**
 * Boots our own assembly once per test class and offers bounded helpers for HTTP and the shell.
 * {@link #config()} runs in the Maven JVM; the tests themselves run inside the container.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class OmotenashiTestSupport {

    /** Reads the JSON the suite answers with. */
    protected static final ObjectMapper JSON = new ObjectMapper();
    /** How long a poll for something the suite does in the background may take. */
    protected static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL_PAUSE = Duration.ofMillis(100);
    private static final String HTTP_PORT = "omotenashi.itest.http.port";
    private static final Duration SHELL_TIMEOUT = Duration.ofSeconds(30);
    private static final String BROWSER_SCRIPT = "omotenashi.browser.script";
    private static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(120);
    /**
     * How long the container waits for Pax Exam's own services (its probe invoker, injected services).
     * The default of 10 s is too short on a loaded machine, and a probe that never registers leaves the
     * test JVM waiting on RMI; the fork timeout in the pom bounds that case.
     */
    private static final String EXAM_SERVICE_TIMEOUT_MILLIS = "180000";

    @Inject protected BundleContext bundleContext;
    @Inject protected FeaturesService featuresService;
    @Inject protected SessionFactory sessionFactory;

    private final HttpCalls http = new HttpCalls(baseUrl());

    @Configuration
    public Option[] config() {
        String karafVersion = System.getProperty("karaf.version", "4.4.10");
        String localRepo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        // The reactor hands us the file it just built; outside Maven fall back to the local repository.
        String assemblyFile = System.getProperty("omotenashi.assembly.file", "");
        KarafDistributionBaseConfigurationOption distribution = karafDistributionConfiguration()
                .karafVersion(karafVersion).name("Omotenashi")
                .unpackDirectory(new File("target/exam")).useDeployFolder(false);
        if (new File(assemblyFile).isFile()) {
            distribution.frameworkUrl(new File(assemblyFile).toURI().toString());
        } else {
            distribution.frameworkUrl(maven().groupId("org.omotenashi").artifactId("omotenashi-karaf")
                    .type("tar.gz").version(System.getProperty("project.version")));
        }
        // Chosen now, in the Maven JVM, so parallel runs and a running assembly do not collide.
        String httpPort = String.valueOf(freePort());
        return new Option[] {
            distribution,
            // bin/karaf passes these on Java 9+; Pax Exam's runner does not (stack.md trap 1). As in the
            // distribution's bin/karaf, no JDK module is patched (karaf-assembly/pom.xml): Karaf's locator is on the
            // class path (lib/boot), and the JDK's own XML factories are used.
            vmOptions("-Xmx384m",
                    "--add-opens", "java.base/java.security=ALL-UNNAMED",
                    "--add-opens", "java.base/java.net=ALL-UNNAMED",
                    "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                    "--add-opens", "java.base/java.util=ALL-UNNAMED",
                    "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                    "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                    "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
                    "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
                    "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
                    "-classpath", "lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"),
            // Own ports per container (trap 3).
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(freePort())),
            systemProperty(HTTP_PORT).value(httpPort),
            // Where the tests inside the container record their exchanges for the contract check.
            systemProperty(ExchangeLog.FOLDER).value(System.getProperty(ExchangeLog.FOLDER, "")),
            // Each lookup of Pax Exam's has a property of its own (10 s by default).
            systemProperty("pax.exam.service.timeout").value(EXAM_SERVICE_TIMEOUT_MILLIS),
            systemProperty("org.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT").value(EXAM_SERVICE_TIMEOUT_MILLIS),
            systemProperty("org.ops4j.pax.exam.invoker.junit.internal.JUnitProbeInvokerFactory.DEFAULT_TIMEOUT")
                    .value(EXAM_SERVICE_TIMEOUT_MILLIS),
            systemProperty("org.ops4j.pax.swissbox.tracker.ServiceLookup.DEFAULT_TIMEOUT").value(EXAM_SERVICE_TIMEOUT_MILLIS),
            // Everything the assembly needs is in its system/ folder; Pax Exam's own bundles come from
            // the local repository (Central only as a first-run fallback, never the snapshot repositories).
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepo),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories",
                    "https://repo.maven.apache.org/maven2@id=central"),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.WARN),
            // The unpacked runtime is deleted after the class unless -Domotenashi.itest.keep=true.
            when(Boolean.getBoolean("omotenashi.itest.keep")).useOptions(keepRuntimeFolder()),
        };
    }

    /** A port nobody listens on right now, for a container, a receiver or a distribution of a test's own. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** http://localhost:PORT of this container. */
    protected String baseUrl() {
        return "http://localhost:" + System.getProperty(HTTP_PORT, "8181");
    }

    /**
     * One HTTP exchange; user null sends no credentials; headers are name, value pairs. The body is
     * sent as JSON unless a Content-Type header says otherwise.
     */
    protected HttpResponse<String> send(String method, String path, String user, String password,
                                        String body, String... headers) {
        return http.send(method, path, user, password, body, headers);
    }

    /**
     * A SOAP fault as standard SOAP stacks read it: HTTP 500 (WS-I Basic Profile R1126), with the status a
     * REST caller would get in the fault's problem detail.
     */
    protected static void assertSoapFault(HttpResponse<String> response, int status) {
        org.junit.Assert.assertEquals(response.body(), 500, response.statusCode());
        org.junit.Assert.assertTrue(response.body(), response.body().contains(":Fault>"));
        org.junit.Assert.assertTrue(response.body(), response.body().contains("status=\"" + status + "\""));
    }

    /**
     * The contract the exchanges of this test are checked against is the document the container serves
     * right now: record it after each test, as any other exchange (see OpenApiContractCheck).
     */
    @org.junit.After
    public void recordServedContract() {
        if (!System.getProperty(ExchangeLog.FOLDER, "").isBlank()) {
            try {
                get("/api/v1/openapi.json", "viewer", "viewer");
            } catch (RuntimeException e) {
                // a test that left the core stopped has nothing to serve; its exchanges meet the others' documents
            }
        }
    }

    protected HttpResponse<String> get(String path, String user, String password) {
        return send("GET", path, user, password, null);
    }

    /**
     * Polls GET path until it answers expectedStatus (trap 4: a service can be registered before CXF
     * publishes its endpoint). Fails with the last answer seen once the timeout has passed.
     */
    protected HttpResponse<String> awaitHttp(String path, String user, String password, int expectedStatus,
                                             Duration timeout) throws InterruptedException {
        return http.await(path, user, password, expectedStatus, timeout, body -> true);
    }

    /**
     * As above, and the body must satisfy {@code ready} (e.g. a module reported ACTIVE); headers are name,
     * value pairs, e.g. {@code "Accept", "text/html"} for a page.
     */
    protected HttpResponse<String> awaitHttp(String path, String user, String password, int expectedStatus,
                                             Duration timeout, Predicate<String> ready, String... headers)
            throws InterruptedException {
        return http.await(path, user, password, expectedStatus, timeout, ready, headers);
    }

    /**
     * A SOAP request to {@code address} with a WS-Security UsernameToken (PasswordText); {@code body} may use
     * {@code prefix} for the service's namespace.
     */
    protected HttpResponse<String> soap(String address, String prefix, String namespace, String user, String password,
                                        String body) {
        return postEnvelope(address, SoapEnvelopes.withUsernameToken(prefix, namespace, user, password, body));
    }

    /** Posts a whole SOAP envelope as it is, e.g. one without a token or with a DTD. */
    protected HttpResponse<String> postEnvelope(String address, String envelope) {
        return send("POST", address, null, null, envelope, "Content-Type", "text/xml; charset=UTF-8", "SOAPAction", "\"\"",
                "Accept", "text/xml");
    }

    /** The body as JSON; a body that is not JSON fails the test and shows what came instead. */
    protected static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (status " + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** The answer has this status; its body as JSON. */
    protected static JsonNode expect(int status, HttpResponse<String> response) {
        assertEquals(response.body(), status, response.statusCode());
        return json(response);
    }

    /** The answer is an RFC 9457 problem with this status, in its header and in its body. */
    protected static void assertProblem(HttpResponse<String> response, int status) {
        assertEquals(response.body(), status, response.statusCode());
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type, type.equals("application/problem+json") || type.startsWith("application/problem+json;"));
        assertTrue(response.body(), response.body().contains("\"status\":" + status));
    }

    /** The text between the first {@code start} and the {@code end} after it. */
    protected static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertTrue(start + " in " + text, from >= 0);
        return text.substring(from + start.length(), text.indexOf(end, from + start.length()));
    }

    /**
     * Asks {@code probe} until {@code ready} accepts its answer and returns that answer; fails with the
     * last answer once {@code timeout} has passed.
     */
    protected static <T> T await(String what, Duration timeout, Supplier<T> probe, Predicate<T> ready)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (ready.test(last)) {
                return last;
            }
            Thread.sleep(POLL_PAUSE.toMillis());
        }
        throw new AssertionError(what + " not as expected within " + timeout + "; last seen: " + last);
    }

    /**
     * The gap a background caller (a load generator, a watcher) leaves between two calls, so that it does not
     * take a core of its own; an interrupt ends the gap early and is kept for the caller's loop to see.
     */
    static void pace(Duration gap) {
        try {
            Thread.sleep(gap.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The container's pointer to the script that answers a survey page in Chromium; computed in the Maven JVM,
     * whose working directory is the itests module, while the test itself runs in the container.
     */
    protected static Option browserScript() {
        return systemProperty(BROWSER_SCRIPT).value(System.getProperty(BROWSER_SCRIPT,
                new File("browser/answer-survey.mjs").getAbsolutePath()));
    }

    /**
     * Runs the browser script with these arguments (a survey link, answers) in Chromium, bounded, and returns what
     * it printed; fails unless it finished and exited 0.
     */
    protected static String runBrowser(String... arguments) throws IOException, InterruptedException {
        String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
        assertTrue(chromium + " is missing: run .ci/install-browser.sh", new File(chromium).canExecute());
        File script = new File(System.getProperty(BROWSER_SCRIPT));
        assertTrue(script + " is missing", script.isFile());
        List<String> command = new java.util.ArrayList<>(List.of("node", script.getAbsolutePath()));
        command.addAll(List.of(arguments));
        Process browser = new ProcessBuilder(command).directory(script.getParentFile()).redirectErrorStream(true).start();
        if (!browser.waitFor(BROWSER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            browser.destroyForcibly();
            throw new AssertionError("the browser did not finish within " + BROWSER_TIMEOUT.toSeconds() + " s");
        }
        String output = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(output, 0, browser.exitValue());
        return output;
    }

    /** Waits until {@code condition} holds; fails once {@code timeout} has passed. */
    protected static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        await(what, timeout, condition::getAsBoolean, Boolean::booleanValue);
    }

    /** Waits for an event of {@code topic} whose {@code property} is {@code value} among those a handler records. */
    protected static Event awaitEvent(List<Event> events, String topic, String property, String value)
            throws InterruptedException {
        return await(topic + " with " + property + "=" + value, WAIT,
                () -> events.stream().filter(e -> e.getTopic().equals(topic) && value.equals(e.getProperty(property)))
                        .findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    /**
     * Sets properties of a configuration (keeping the others), as an admin would with config:edit.
     * Components read it through @Modified or re-activation; callers wait for the effect, bounded.
     */
    protected void configure(String pid, Object... keysAndValues) throws IOException {
        org.osgi.framework.ServiceReference<org.osgi.service.cm.ConfigurationAdmin> ref =
                bundleContext.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class);
        org.osgi.service.cm.ConfigurationAdmin admin = bundleContext.getService(ref);
        try {
            org.osgi.service.cm.Configuration configuration = admin.getConfiguration(pid, "?");
            java.util.Dictionary<String, Object> properties = configuration.getProperties();
            if (properties == null) {
                properties = new java.util.Hashtable<>();
            }
            for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
                properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
            configuration.update(properties);
        } finally {
            bundleContext.ungetService(ref);
        }
    }

    /** Moves the suite's clock (config PID org.omotenashi.clock) to system time plus {@code offset}. */
    protected void setClockOffset(Duration offset) throws IOException {
        configure("org.omotenashi.clock", "offset", offset.toString());
    }

    /**
     * A module's commands are registered by the shell's extender a moment after its bundle starts, so a test
     * that runs right after a boot or a swap waits (bounded) until the command is known.
     */
    private void awaitCommand(String scopedName) throws InterruptedException {
        int colon = scopedName.indexOf(':');
        if (colon < 0) {
            return;
        }
        String scope = scopedName.substring(0, colon);
        String name = scopedName.substring(colon + 1);
        // The registry shows a command only to a user whose roles allow it: look as one with every role.
        Subject everyRole = new Subject();
        everyRole.getPrincipals().add(new UserPrincipal("itest"));
        for (String role : new String[] {"admin", "manager", "viewer", "systembundles"}) {
            everyRole.getPrincipals().add(new RolePrincipal(role));
        }
        await("shell command " + scopedName, SHELL_TIMEOUT,
                () -> Subject.doAs(everyRole, (java.security.PrivilegedAction<Boolean>) () -> sessionFactory.getRegistry()
                        .getCommands().stream().anyMatch(c -> scope.equals(c.getScope()) && name.equals(c.getName()))),
                Boolean::booleanValue);
    }

    /** Runs a shell command as a user with the given roles (admin when none), bounded by a timeout. */
    protected String executeShell(String command, String... roles) throws Exception {
        awaitCommand(command.trim().split("\\s+")[0]);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("itest"));
        for (String role : roles.length == 0 ? new String[] {"admin"} : roles) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<String> result = executor.submit(() -> Subject.doAs(subject, (PrivilegedExceptionAction<String>) () -> {
                Session session = sessionFactory.create(System.in, out, out);
                try {
                    Object value = session.execute(command);
                    if (value != null) {
                        out.println(value);
                    }
                } finally {
                    session.close();
                }
                out.flush();
                return bytes.toString(StandardCharsets.UTF_8);
            }));
            return result.get(SHELL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            executor.shutdownNow();
        }
    }
}
