package org.omotenashi.core.internal;

import org.apache.cxf.endpoint.Server;
import org.apache.cxf.transport.Destination;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.apache.cxf.transport.http.DestinationRegistry;

/**
 * Takes an endpoint down so that no caller is told a lie. CXF clears an endpoint's observer before it
 * removes the address from its registry; a request arriving in between is answered 200 with an empty
 * body, as if it had worked. Removing the address first sends such a request to the not-found answer.
 */
final class Unpublishing {
    private Unpublishing() {
    }

    static void remove(Server server, DestinationRegistry registry) {
        Destination destination = server.getDestination();
        if (destination instanceof AbstractHTTPDestination http && http.getPath() != null) {
            registry.removeDestination(http.getPath());
        }
        CxfRestPublisher.withOwnClassLoader(() -> {
            server.destroy();
            return null;
        });
    }
}
