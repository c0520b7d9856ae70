package org.omotenashi.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.HttpChannelState;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnection;
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
 * web server's runtime is about to stop. Closing, it refuses new connections, lets the requests the server is
 * handling finish and write their answers (an answer begun from then on carries {@code Connection: close}), and then
 * closes every connection still open. A caller thus gets the suite's answer, a refused connection, or a connection closed without an
 * answer; never the server's page.
 *
 * <p>This is a Jetty customizer, which the web server calls with its connector at the start of every request: so it
 * learns the server, and once closing it marks every answer to end its connection.
 */
final class WebServerShutdown implements HttpConfiguration.Customizer, SynchronousBundleListener {
    private static final Logger LOG = LoggerFactory.getLogger(WebServerShutdown.class);

    private final Bundle framework;
    private final Set<Bundle> webServer;
    private final long graceMillis;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Server server;
    private volatile boolean closing;

    /**
     * @param framework the system bundle, to know whether the whole process stops
     * @param webServer the bundles whose stop ends the web server (its runtime and its Jetty integration)
     * @param graceMillis how long requests being handled may take to finish once the port is closed
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
        if (closing) {
            // The port is closed and the remaining connections are about to be: this answer ends its connection.
            request.getResponse().setHeader("Connection", "close");
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

    /** Closes the port, lets the requests being handled finish (bounded) and closes every connection; once only. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing = true;
        Server current = server;
        if (current == null) {
            return; // no request has come in since the server started: nobody to tell
        }
        Connector[] connectors = current.getConnectors();
        for (Connector connector : connectors) {
            if (connector instanceof NetworkConnector) {
                ((NetworkConnector) connector).close();
            }
        }
        boolean finished = awaitNoneHandling(connectors);
        List<String> running = finished ? List.of() : handling(connectors);
        for (Connector connector : connectors) {
            try {
                connector.stop();
            } catch (Exception e) {
                LOG.warn("The web server's connector {} did not stop cleanly: {}", connector, e.toString());
            }
        }
        if (finished) {
            LOG.info("The web server's port is closed before the web server changes the suite's context");
        } else {
            LOG.warn("The web server's port is closed before the web server changes the suite's context; requests still"
                    + " running after {} ms lost their connection: {}", graceMillis,
                    running.subList(0, Math.min(5, running.size())));
        }
    }

    /** Waits (bounded, polling: Jetty tells nobody when a connection falls idle) until no connection handles a request. */
    private boolean awaitNoneHandling(Connector[] connectors) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        while (!handling(connectors).isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * The requests being handled on open connections: from the moment the server starts handling one until its answer
     * is written completely. A connection that is only open, or still receiving a request, has no answer to lose.
     */
    private static List<String> handling(Connector[] connectors) {
        List<String> handling = new ArrayList<>();
        for (Connector connector : connectors) {
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                if (endPoint.isOpen() && endPoint.getConnection() instanceof HttpConnection) {
                    HttpChannel channel = ((HttpConnection) endPoint.getConnection()).getHttpChannel();
                    HttpChannelState state = channel.getState();
                    // Handling, or handled and the rest of the answer still being written out.
                    if (!state.isIdle() || state.isResponseCommitted() && !state.isResponseCompleted()) {
                        Request request = channel.getRequest();
                        handling.add(request.getMethod() + " " + request.getRequestURI());
                    }
                }
            }
        }
        return handling;
    }
}
