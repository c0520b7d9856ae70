package org.omotenashi.escalation.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.Test;
import org.omotenashi.core.time.MovableClock;
import org.omotenashi.escalation.api.ActionType;
import org.omotenashi.escalation.api.Delivery;
import org.omotenashi.escalation.api.DeliveryStatus;
import org.omotenashi.testing.MemoryDatabase;

/** A database of the version before the suite's outbox: its deliveries move into it, nothing lost or changed. */
public class StoredDeliveriesMoveTest {
    private static final Instant T = Instant.parse("2026-05-01T08:00:00Z");

    @Test
    public void deliveriesStoredBeforeTheOutboxMoveIntoItWithTheirAttemptsAndSealedSecrets() throws Exception {
        EmbeddedDataSource dataSource = MemoryDatabase.empty("before-outbox");
        SecretSeal seal = SecretSeal.withNewKey();
        String sealed = seal.seal("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        try (Connection c = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            // The module's tables as the version before this one left them: its first two steps.
            new Liquibase(StoredEscalations.CHANGELOG, new ClassLoaderResourceAccessor(getClass().getClassLoader()), database)
                    .update(2, new Contexts(), new LabelExpression());
            c.commit();
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO ESCALATION_DELIVERY (ID, ESCALATION_ID, ACTION, TARGET, SECRET, PAYLOAD, STATUS, "
                        + "ATTEMPTS, CREATED_AT, NOT_BEFORE, NEXT_ATTEMPT_AT, DELIVERED_AT, LAST_ERROR) VALUES ('msg_1', 'e-1', "
                        + "'WEBHOOK', 'https://fm.example.org/hook', '" + sealed + "', '{\"type\":\"escalation.opened\"}', "
                        + "'PENDING', 1, " + T.toEpochMilli() + ", " + T.toEpochMilli() + ", " + T.plusSeconds(5).toEpochMilli()
                        + ", NULL, 'HTTP 503')");
                s.executeUpdate("INSERT INTO ESCALATION_ATTEMPT (DELIVERY_ID, ATTEMPT, ATTEMPTED_AT, STATUS_CODE, ERROR, "
                        + "DURATION_MS) VALUES ('msg_1', 1, " + T.toEpochMilli() + ", 503, 'HTTP 503', 12)");
            }
            c.commit();
        }

        StoredEscalations.Storage storage = StoredEscalations.Storage.open(dataSource, MovableClock.fixedAt(T), seal);

        List<Delivery> moved = storage.outbox().deliveries(null, 10);
        assertEquals(1, moved.size());
        Delivery d = moved.get(0);
        assertEquals("msg_1", d.id());
        assertEquals("e-1", d.escalationId());
        assertEquals(ActionType.WEBHOOK, d.action());
        assertEquals(DeliveryStatus.PENDING, d.status());
        assertEquals(1, d.attempts());
        assertEquals(T.plusSeconds(5), d.nextAttemptAt());
        assertEquals(Integer.valueOf(503), d.attemptLog().get(0).statusCode());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT SECRET FROM OUTBOX_DELIVERY WHERE ID='msg_1'")) {
                assertTrue(r.next());
                assertEquals("the secret moves sealed, as it was", sealed, r.getString(1));
            }
            try (ResultSet tables = c.getMetaData().getTables(null, null, "ESCALATION_DELIVERY", null)) {
                assertFalse("the old table is gone", tables.next());
            }
        }
        storage.outbox().close();
    }
}
