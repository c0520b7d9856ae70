package org.omotenashi.core.internal.cxf;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The requests inside each endpoint at this moment. The front door counts a request in before it hands it to an
 * endpoint and out when the endpoint is done with it; taking an endpoint down waits for the requests inside, so
 * it waits as long as they take rather than a fixed while. An endpoint nobody is inside has no entry.
 */
public final class RequestsInside {
    private static final Map<Object, Integer> INSIDE = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 2;

    private RequestsInside() {
    }

    /** A request goes into {@code endpoint}. */
    public static void enter(Object endpoint) {
        INSIDE.merge(endpoint, 1, Integer::sum);
    }

    /** A request that went into {@code endpoint} is done. */
    public static void leave(Object endpoint) {
        INSIDE.computeIfPresent(endpoint, (e, inside) -> inside == 1 ? null : inside - 1);
    }

    /** How many requests are inside {@code endpoint}. */
    static int count(Object endpoint) {
        return INSIDE.getOrDefault(endpoint, 0);
    }

    /**
     * Waits until no request is inside {@code endpoint}, for at most {@code maxMillis}.
     *
     * @return whether none is
     */
    static boolean awaitNone(Object endpoint, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        while (INSIDE.containsKey(endpoint)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }
}
