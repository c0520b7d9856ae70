package org.omotenashi.core.endpoint;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * A module's endpoints, published together and taken down together in reverse order. If one cannot
 * be published, those already up are taken down again, so a failed activation leaves nothing behind.
 */
public final class Publications implements Publication {
    private final Deque<Publication> live = new ArrayDeque<>();

    private Publications() {
    }

    /** Publishes each endpoint in turn, e.g. {@code () -> rest.publish(address, resource)}. */
    @SafeVarargs
    public static Publications open(Supplier<Publication>... endpoints) {
        Publications publications = new Publications();
        try {
            for (Supplier<Publication> endpoint : endpoints) {
                publications.live.push(endpoint.get());
            }
        } catch (RuntimeException e) {
            publications.close();
            throw e;
        }
        return publications;
    }

    @Override
    public synchronized void close() {
        while (!live.isEmpty()) {
            live.pop().close();
        }
    }
}
