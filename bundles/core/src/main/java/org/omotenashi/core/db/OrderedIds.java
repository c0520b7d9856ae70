package org.omotenashi.core.db;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers for rows that must sort in the order they were written (an entry number, the order of the event
 * outbox), made in the JVM rather than by a database identity column: Derby's identity generator refuses
 * concurrent inserts now and then under load ("lock could not be obtained"). A number is the time in
 * milliseconds shifted left by 22 bits, advanced by at least 1,024 per number so they never repeat or go
 * backwards in one JVM, plus 10 bits chosen per JVM so two nodes sharing a database do not make the same one.
 */
public final class OrderedIds {
    private static final int NODE_BITS = 10;
    private static final long NODE = new SecureRandom().nextInt(1 << NODE_BITS);
    private static final AtomicLong LAST = new AtomicLong();

    private OrderedIds() {
    }

    /** The next number: greater than every number this JVM made before. */
    public static long next() {
        long now = System.currentTimeMillis() << 22;
        return LAST.updateAndGet(previous -> Math.max(previous + (1L << NODE_BITS), now)) | NODE;
    }
}
