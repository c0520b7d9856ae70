package org.omotenashi.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import org.junit.Test;

/** Health asks the database at most once a second, however often it is asked. */
public class DatabaseProbeTest {
    private long now;
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final DatabaseProbe probe = new DatabaseProbe(() -> now);

    private final DataSource database = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "hashCode" -> {
                        return System.identityHashCode(proxy);
                    }
                    case "equals" -> {
                        return proxy == args[0];
                    }
                    case "getConnection" -> {
                        // answered below
                    }
                    default -> {
                        return null;
                    }
                }
                asked.incrementAndGet();
                if (!up.get()) {
                    throw new SQLException("No space left on device", "XSLA4");
                }
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                        (p, m, a) -> m.getName().equals("isValid") ? Boolean.TRUE : null);
            });

    @Test
    public void aThousandHealthChecksInASecondAskTheDatabaseOnce() {
        for (int i = 0; i < 1000; i++) {
            assertTrue(probe.answers(database));
            now += DatabaseProbe.REMEMBER_NANOS / 1001;
        }
        assertEquals(1, asked.get());
    }

    @Test
    public void aDatabaseThatStopsAnsweringIsSeenWithinASecond() {
        assertTrue(probe.answers(database));
        up.set(false);
        now += DatabaseProbe.REMEMBER_NANOS;
        assertFalse(probe.answers(database));
        up.set(true);
        now += DatabaseProbe.REMEMBER_NANOS;
        assertTrue("and seen back as soon", probe.answers(database));
    }
}
