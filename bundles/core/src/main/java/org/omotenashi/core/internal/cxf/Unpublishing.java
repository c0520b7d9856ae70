package org.omotenashi.core.internal.cxf;

import org.apache.cxf.endpoint.Server;
import org.apache.cxf.transport.Destination;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.apache.cxf.transport.http.DestinationRegistry;
import org.omotenashi.core.endpoint.Publication;

/**
 * Takes an endpoint down so that no caller is told a lie. CXF clears an endpoint's observer before it
 * removes the address from its registry, and a request that found the endpoint just before is then
 * answered 200 with an empty body, as if it had worked. So the address goes first (new requests get
 * the not-found answer), the requests inside the endpoint ({@link RequestsInside}) may finish, and only
 * then is the endpoint destroyed.
 */
public final class Unpublishing {
    /**
     * A request that looked the address up just before it went is counted in a moment later; it gets this long.
     * (The front door answers it truthfully even when it comes too late: the endpoint is gone, nothing happened.)
     */
    private static final long SETTLE_MILLIS = 20;
    /** How long requests already inside the endpoint may take to finish before it is destroyed beneath them. */
    private static final long INSIDE_MAX_MILLIS = 1000;

    private Unpublishing() {
    }

    /** The publication of a CXF server: closing it takes the server down this way. */
    public static Publication of(Server server, DestinationRegistry registry) {
        return () -> remove(server, registry);
    }

    static void remove(Server server, DestinationRegistry registry) {
        Destination destination = server.getDestination();
        if (destination instanceof AbstractHTTPDestination http && http.getPath() != null) {
            registry.removeDestination(http.getPath());
            drain(http);
        }
        OwnClassLoader.run(() -> {
            server.destroy();
            return null;
        });
    }

    private static void drain(Destination destination) {
        try {
            Thread.sleep(SETTLE_MILLIS);
            RequestsInside.awaitNone(destination, INSIDE_MAX_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
