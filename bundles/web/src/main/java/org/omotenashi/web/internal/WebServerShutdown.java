package org.omotenashi.web.internal;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the web server's port before the web server takes the suite's servlets down. When its runtime stops
 * (at the end of every stop of the process, or when an admin restarts it), it first removes every servlet and
 * context and only then stops the server; and while the process stops, CXF's transport, going before it, takes its
 * own servlet out of the context the suite's servlets share, which restarts that context. In either moment requests
 * met the server's own 404 and 503 pages, which say something false (that there is nothing at an address).
 * So the port closes as soon as either comes near: when the process stops and the suite's own request handling
 * (the core) is gone, after which the suite could only have said "stopping"; or when told synchronously that the
 * web server's runtime is about to stop. Closing, it refuses new connections, lets the requests in the suite's
 * servlets finish, each answered with {@code Connection: close}, and then closes every connection still open.
 * A caller thus gets the suite's answer, a refused connection, or a connection closed without an answer; never
 * the server's page.
 *
 * <p>The server is learnt from the requests themselves: this is a Jetty customizer, which the web server calls
 * with its connector for each request.
 */
final class WebServerShutdown implements HttpConfiguration.Customizer, SynchronousBundleListener {
    private static final Logger LOG = LoggerFactory.getLogger(WebServerShutdown.class);

    private final Bundle framework;
    private final Set<Bundle> webServer;
    private final long graceMillis;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object lock = new Object();
    private volatile Server server;
    private volatile boolean closing;
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param framework the system bundle, to know whether the whole process stops
     * @param webServer the bundles whose stop ends the web server (its runtime and its Jetty integration)
     * @param graceMillis how long requests already in the suite's servlets may take to finish
     */
    WebServerShutdown(Bundle framework, Set<Bundle> webServer, long graceMillis) {
        this.framework = framework;
        this.webServer = webServer;
        this.graceMillis = graceMillis;
    }

    @Override
    public void customize(Connector connector, HttpConfiguration configuration, Request request) {
        Server current = connector.getServer();
        if (current != server) {
            server = current;
        }
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.STOPPING && webServer.contains(event.getBundle())) {
            close();
        }
    }

    /** The suite's request handling is gone: if the whole process stops, nothing but "stopping" is left to say. */
    void suiteGone() {
        if (framework.getState() == Bundle.STOPPING) {
            close();
        }
    }

    /** A request enters one of the suite's servlets. */
    void enter() {
        inFlight.incrementAndGet();
    }

    /** A request left one of the suite's servlets. */
    void leave() {
        if (inFlight.decrementAndGet() == 0 && closing) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /** Whether the port is being closed: answers should end their connection. */
    boolean closing() {
        return closing;
    }

    /** Closes the port, lets requests in the suite's servlets finish (bounded) and closes every connection. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Server current = server;
        closing = true;
        if (current == null) {
            return; // no request has come in since the server started: nobody to tell
        }
        Connector[] connectors = current.getConnectors();
        for (Connector connector : connectors) {
            if (connector instanceof NetworkConnector) {
                ((NetworkConnector) connector).close();
            }
        }
        boolean drained = awaitNoneInFlight();
        for (Connector connector : connectors) {
            try {
                connector.stop();
            } catch (Exception e) {
                LOG.warn("The web server's connector {} did not stop cleanly: {}", connector, e.toString());
            }
        }
        LOG.info("The web server's port is closed before the web server changes the suite's context{}",
                drained ? "" : " (requests still running after " + graceMillis + " ms lost their connection)");
    }

    private boolean awaitNoneInFlight() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        synchronized (lock) {
            while (inFlight.get() > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(Math.min(left, 10)); // a short wait: a last leave() may come between the check and the wait
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
