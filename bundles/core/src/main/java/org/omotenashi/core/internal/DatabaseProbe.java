package org.omotenashi.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Whether a data source answers, asked at most once a second per data source however often health is
 * asked: a load balancer polling readiness must not add load to a database that is struggling.
 */
final class DatabaseProbe {
    static final long REMEMBER_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int VALIDATION_SECONDS = 2;

    private final LongSupplier nanoTime;
    private final Map<DataSource, Answer> answers = new java.util.WeakHashMap<>();

    DatabaseProbe() {
        this(System::nanoTime);
    }

    DatabaseProbe(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Probes run one at a time; a caller that waited takes the answer the probe before it got. */
    synchronized boolean answers(DataSource dataSource) {
        Answer last = answers.get(dataSource);
        if (last != null && nanoTime.getAsLong() - last.at < REMEMBER_NANOS) {
            return last.up;
        }
        boolean up = probe(dataSource);
        answers.put(dataSource, new Answer(up, nanoTime.getAsLong()));
        return up;
    }

    private static boolean probe(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALIDATION_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private record Answer(boolean up, long at) {
    }
}
