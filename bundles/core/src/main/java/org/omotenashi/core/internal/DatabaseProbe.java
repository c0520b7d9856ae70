package org.omotenashi.core.internal;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

import org.omotenashi.core.db.Transactions;

/**
 * Whether a data source answers, asked at most once a second per data source however often health is
 * asked: a load balancer polling readiness must not add load to a database that is struggling. While
 * writes through an embedded Derby fail, each probe also tries a checkpoint, so that health sees the
 * database writing again as soon as it does, not only when the next request happens to write.
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
        boolean derby;
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(VALIDATION_SECONDS)) {
                return false;
            }
            DatabaseMetaData about = connection.getMetaData();
            derby = about != null && "Apache Derby".equals(about.getDatabaseProductName());
        } catch (SQLException | RuntimeException e) {
            return false;
        }
        if (derby && Transactions.writesFailing(dataSource)) {
            // Writes failed lately (a full disk): find out whether they work again rather than wait for the next
            // request to try. A checkpoint writes the database's pages and its log, and nothing else.
            try {
                Transactions.inTransaction(dataSource, c -> {
                    try (CallableStatement checkpoint = c.prepareCall("CALL SYSCS_UTIL.SYSCS_CHECKPOINT_DATABASE()")) {
                        checkpoint.execute();
                    }
                    return null;
                });
            } catch (RuntimeException stillFailing) {
                return true; // it answers; the failing writes are reported separately
            }
        }
        return true;
    }

    private record Answer(boolean up, long at) {
    }
}
