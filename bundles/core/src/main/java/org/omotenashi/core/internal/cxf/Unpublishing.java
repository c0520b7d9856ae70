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
 * the not-found answer), requests already dispatched get a moment to finish, and only then is the
 * endpoint destroyed.
 */
public final class Unpublishing {
    /** Long enough for a request that has found the endpoint to reach it; short enough not to slow a swap. */
    private static final long DRAIN_MILLIS = 200;

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
            drain();
        }
        OwnClassLoader.run(() -> {
            server.destroy();
            return null;
        });
    }

    private static void drain() {
        try {
            Thread.sleep(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
