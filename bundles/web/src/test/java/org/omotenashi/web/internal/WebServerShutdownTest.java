package org.omotenashi.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;

/** The port closes before the web server changes anything, and a request already in the suite gets its answer. */
public class WebServerShutdownTest {
    private static final String ANSWER = "the suite's answer";
    private final Bundle framework = bundle(Bundle.ACTIVE);
    private final Bundle runtime = bundle(Bundle.ACTIVE);
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private WebServerShutdown shutdown;
    private Server server;
    private ServerConnector connector;
    private int port;

    @Before
    public void startAServerWhoseRequestsGoThroughTheSuite() throws Exception {
        shutdown = new WebServerShutdown(framework, Set.of(runtime), 5000);
        server = new Server();
        HttpConfiguration configuration = new HttpConfiguration();
        configuration.addCustomizer(shutdown);
        connector = new ServerConnector(server, new HttpConnectionFactory(configuration));
        server.addConnector(connector);
        server.setHandler(new AbstractHandler() {
            @Override
            public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
                    throws IOException {
                try {
                    if (target.equals("/slow")) {
                        entered.countDown();
                        release.await(10, TimeUnit.SECONDS);
                    }
                    response.setStatus(200);
                    response.setContentLength(ANSWER.length());
                    response.getWriter().write(ANSWER);
                    base.setHandled(true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        server.start();
        port = connector.getLocalPort();
    }

    @After
    public void stopTheServer() throws Exception {
        release.countDown();
        server.stop();
    }

    @Test
    public void theRuntimeStoppingClosesThePortAndARequestInTheSuiteStillGetsItsAnswer() throws Exception {
        assertTrue(get("/").contains("the suite's answer"));
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> get("/slow"));
        assertTrue("the slow request reached the suite", entered.await(10, TimeUnit.SECONDS));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(
                () -> shutdown.bundleChanged(new BundleEvent(BundleEvent.STOPPING, runtime)));
        awaitRefused();
        assertFalse("closing waits for the request in the suite", closing.isDone());
        release.countDown();
        assertTrue(slow.get(10, TimeUnit.SECONDS).contains("the suite's answer"));
        closing.get(10, TimeUnit.SECONDS);
        assertTrue("every connection is closed before the runtime goes on", connector.isStopped());
    }

    @Test
    public void anIdleKeptAliveConnectionIsClosedWithoutWaitingForIt() throws Exception {
        WebServerShutdown patient = new WebServerShutdown(framework, Set.of(runtime), 600_000);
        ((HttpConnectionFactory) connector.getDefaultConnectionFactory()).getHttpConfiguration().addCustomizer(patient);
        try (Socket idle = new Socket("127.0.0.1", port)) {
            idle.setSoTimeout(10_000);
            idle.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = new byte[4096];
            int read = 0;
            while (!new String(answer, 0, read, StandardCharsets.UTF_8).endsWith(ANSWER)) {
                int n = idle.getInputStream().read(answer, read, answer.length - read);
                assertTrue("the kept-alive connection gets its answer", n > 0);
                read += n;
            }
            // The connection stays open, idle: it has no answer to lose, so closing does not wait out the grace for it.
            CompletableFuture.runAsync(patient::close).get(30, TimeUnit.SECONDS);
            assertEquals("the idle connection is closed", -1, idle.getInputStream().read());
        }
    }

    @Test
    public void anotherBundleStoppingLeavesThePortOpen() throws Exception {
        get("/");
        shutdown.bundleChanged(new BundleEvent(BundleEvent.STOPPING, bundle(Bundle.ACTIVE)));
        shutdown.suiteGone(); // the core went, but the process is not stopping: a module swap or an update
        assertTrue(get("/").contains("the suite's answer"));
    }

    @Test
    public void theCoreGoingWhileTheProcessStopsClosesThePort() throws Exception {
        WebServerShutdown stopping = new WebServerShutdown(bundle(Bundle.STOPPING), Set.of(runtime), 5000);
        ((HttpConnectionFactory) connector.getDefaultConnectionFactory()).getHttpConfiguration().addCustomizer(stopping);
        get("/");
        stopping.suiteGone();
        assertTrue(connector.isStopped());
        awaitRefused();
    }

    /** Waits (bounded) until a new connection is refused: the operating system closes the port a moment after Jetty. */
    private void awaitRefused() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                Thread.sleep(2);
            } catch (ConnectException refused) {
                return;
            }
        }
        fail("a new connection is refused once the port is closed");
    }

    /** A plain HTTP/1.0 GET on a connection of its own; returns the whole answer. */
    private String get(String path) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Bundle bundle(int state) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getState" -> state;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "bundle";
                    default -> null;
                });
    }
}
