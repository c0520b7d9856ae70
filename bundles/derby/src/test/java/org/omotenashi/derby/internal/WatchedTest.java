package org.omotenashi.derby.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.fail;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

/** Failures of a connection and of the statements it makes reach the watcher, then the caller. */
public class WatchedTest {
    private final SQLException diskFull = new SQLException("Page could not be written to disk", "XSDG1", 45000);

    @Test
    public void aStatementThatFailsIsReportedAndStillThrown() throws Exception {
        List<SQLException> seen = new ArrayList<>();
        PreparedStatement failing = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (p, m, a) -> {
                    if (m.getName().equals("executeUpdate")) {
                        throw diskFull;
                    }
                    return null;
                });
        Connection real = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (p, m, a) -> m.getName().equals("prepareStatement") ? failing : null);
        Connection watched = Watched.connection(real, seen::add);
        try {
            watched.prepareStatement("INSERT INTO promise VALUES (?)").executeUpdate();
            fail("the statement failed");
        } catch (SQLException thrown) {
            assertSame(diskFull, thrown);
        }
        assertEquals(List.of(diskFull), seen);
    }
}
