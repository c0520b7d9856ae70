package org.omotenashi.core.internal.problem;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.omotenashi.core.db.StorageException;

/** A failure that repeats on every request is reported once per interval, with a count. */
public class RepeatedFailureLogTest {
    private final List<String> errors = new ArrayList<>();
    private final List<String> debug = new ArrayList<>();
    private long now;
    private final RepeatedFailureLog log = new RepeatedFailureLog(new RepeatedFailureLog.Sink() {
        @Override
        public void error(String message, Throwable failure) {
            errors.add(message);
        }

        @Override
        public void debug(String message) {
            debug.add(message);
        }
    }, () -> now);

    private static StorageException diskFull() {
        return new StorageException(new SQLException("No space left on device", "XSLA4"));
    }

    @Test
    public void aThousandRequestsFailingTheSameWayLogOneErrorPerInterval() {
        for (int i = 0; i < 1000; i++) {
            log.failed("r" + i, diskFull());
            now += RepeatedFailureLog.INTERVAL_NANOS / 2000;
        }
        assertEquals(List.of("Storage failed, reference r0"), errors);
        assertEquals(999, debug.size());
        assertTrue(debug.get(0), debug.get(0).contains("r1") && debug.get(0).contains("XSLA4"));
    }

    @Test
    public void theNextIntervalSaysHowManyWereNotLoggedAtError() {
        for (int i = 0; i < 5; i++) {
            log.failed("r" + i, diskFull());
        }
        now += RepeatedFailureLog.INTERVAL_NANOS;
        log.failed("later", diskFull());
        assertEquals(2, errors.size());
        assertTrue(errors.get(1), errors.get(1).contains("later") && errors.get(1).contains("4 more times"));
    }

    @Test
    public void aDifferentFailureIsLoggedAtOnce() {
        log.failed("full", diskFull());
        log.failed("gone", new StorageException(new SQLException("Connection is closed", "08003")));
        assertEquals(2, errors.size());
    }
}
