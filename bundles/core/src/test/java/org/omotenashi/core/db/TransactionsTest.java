package org.omotenashi.core.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.Before;
import org.junit.Test;

/** What a transaction reports must match what the database holds afterwards. */
public class TransactionsTest {
    private EmbeddedDataSource database;
    /** Failures the connection throws, by method name, once the commit has or has not happened. */
    private final Map<String, SQLException> failures = new HashMap<>();

    @Before
    public void freshDatabase() throws SQLException {
        database = new EmbeddedDataSource();
        database.setDatabaseName("memory:transactions-" + UUID.randomUUID());
        database.setCreateDatabase("create");
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE note (id VARCHAR(36) PRIMARY KEY)");
        }
    }

    @Test
    public void aConfirmedCommitStaysASuccessWhenTheConnectionFailsAfterwards() throws SQLException {
        // The pool closing under a request: after the commit, resetting and closing the connection fail.
        failures.put("setAutoCommit(true)", new SQLException("pool is shutting down", "08003"));
        failures.put("close", new SQLException("pool is shutting down", "08003"));
        String id = insertNote();
        assertTrue("the note answered as stored is stored", stored(id));
    }

    @Test
    public void aCommitTheDatabaseNeitherConfirmedNorRefusedHasAnUnknownOutcome() throws SQLException {
        failures.put("commit", new SQLException("connection reset while committing", "08006"));
        try {
            insertNote();
            fail("an unconfirmed commit cannot be answered as a success");
        } catch (OutcomeUnknownException expected) {
            assertEquals("08006", ((SQLException) expected.getCause()).getSQLState());
        }
    }

    @Test
    public void aCommitOnAConnectionThatWasAlreadyGoneChangedNothing() throws SQLException {
        failures.put("commit", new SQLException("Connection is closed", "08003"));
        String id = UUID.randomUUID().toString();
        try {
            Transactions.inTransaction(faulty(), c -> insert(c, id));
            fail("the commit failed");
        } catch (StorageException expected) {
            assertFalse("the connection was gone before the commit: " + expected,
                    expected instanceof OutcomeUnknownException);
        }
        assertFalse(stored(id));
    }

    @Test
    public void aFailureBeforeTheCommitRollsEverythingBack() throws SQLException {
        String id = UUID.randomUUID().toString();
        RuntimeException refusal = new IllegalStateException("refused after the insert");
        try {
            Transactions.inTransaction(faulty(), c -> {
                insert(c, id);
                throw refusal;
            });
            fail("the work failed");
        } catch (IllegalStateException expected) {
            assertSame(refusal, expected);
        }
        assertFalse(stored(id));
    }

    @Test
    public void onlyConfirmedCommitsAreCounted() {
        long before = Transactions.commitsOnThisThread();
        insertNote();
        failures.put("commit", new SQLException("disk full", "XSLA4"));
        try {
            insertNote();
            fail("the commit failed");
        } catch (OutcomeUnknownException expected) {
            // counted below
        }
        assertEquals(before + 1, Transactions.commitsOnThisThread());
    }

    @Test
    public void writesFailingForTheDatabasesOwnReasonsAreNoticedUntilTheNextCommit() {
        DataSource faulty = faulty();
        failures.put("commit", new SQLException("Page could not be written to disk", "XSDG1"));
        try {
            Transactions.inTransaction(faulty, c -> insert(c, UUID.randomUUID().toString()));
            fail("the commit failed");
        } catch (StorageException expected) {
            assertTrue(Transactions.writesFailing(faulty));
        }
        failures.clear();
        Transactions.inTransaction(faulty, c -> insert(c, UUID.randomUUID().toString()));
        assertFalse(Transactions.writesFailing(faulty));
    }

    @Test
    public void aRefusedRowIsNotAFailingDatabase() {
        DataSource faulty = faulty();
        String id = insertNote(faulty);
        try {
            insertNote(faulty, id);
            fail("the id is taken");
        } catch (StorageException expected) {
            assertTrue(Transactions.isDuplicateKey((SQLException) expected.getCause()));
        }
        assertFalse(Transactions.writesFailing(faulty));
    }

    private static String insertNote(DataSource dataSource) {
        return insertNote(dataSource, UUID.randomUUID().toString());
    }

    private static String insertNote(DataSource dataSource, String id) {
        return Transactions.inTransaction(dataSource, c -> insert(c, id));
    }

    private String insertNote() {
        String id = UUID.randomUUID().toString();
        return Transactions.inTransaction(faulty(), c -> insert(c, id));
    }

    private static String insert(Connection c, String id) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO note (id) VALUES ('" + id + "')");
        }
        return id;
    }

    private boolean stored(String id) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM note WHERE id = '" + id + "'")) {
            r.next();
            return r.getInt(1) == 1;
        }
    }

    /** The real database, with connections that throw the configured failures instead of calling through. */
    private DataSource faulty() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return faulty(database.getConnection());
                    }
                    return method.invoke(database, args);
                });
    }

    private Connection faulty(Connection real) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String call = method.getName().equals("setAutoCommit") ? "setAutoCommit(" + args[0] + ")" : method.getName();
                    SQLException failure = failures.get(call);
                    if (failure != null) {
                        if (call.equals("close")) {
                            real.close();
                        }
                        throw failure;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
