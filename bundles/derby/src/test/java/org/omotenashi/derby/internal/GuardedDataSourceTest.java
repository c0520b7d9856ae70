package org.omotenashi.derby.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A closed data source releases its database and never opens it again; a failing one fails fast. */
public class GuardedDataSourceTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private long now;

    private GuardedDataSource dataSource(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("url", url);
        return new GuardedDataSource(DerbyDataSources.configure(properties), () -> now);
    }

    @Test
    public void closingShutsTheDatabaseDownAndReleasesIt() throws Exception {
        File directory = new File(folder.getRoot(), "db");
        GuardedDataSource dataSource = dataSource("jdbc:derby:" + directory + ";create=true");
        try (Connection c = dataSource.getConnection()) {
            assertTrue(c.isValid(1));
        }
        assertTrue("a booted database is locked", new File(directory, "db.lck").exists());
        dataSource.close();
        assertFalse("a shut-down database is released", new File(directory, "db.lck").exists());
    }

    @Test
    public void aClosedDataSourceNeverOpensTheDatabaseAgain() throws Exception {
        File directory = new File(folder.getRoot(), "db");
        GuardedDataSource dataSource = dataSource("jdbc:derby:" + directory + ";create=true");
        dataSource.getConnection().close();
        dataSource.close();
        try {
            dataSource.getConnection();
            fail("a closed data source must not boot the database again");
        } catch (SQLException expected) {
            assertEquals("08001", expected.getSQLState());
        }
        assertFalse(new File(directory, "db.lck").exists());
    }

    @Test
    public void afterAFailedOpenItRefusesAtOnceUntilThePauseIsOver() throws Exception {
        File directory = new File(folder.getRoot(), "missing");
        GuardedDataSource dataSource = dataSource("jdbc:derby:" + directory);
        String derbysOwn = refusal(dataSource);
        assertFalse(derbysOwn, derbysOwn.contains("a moment ago"));
        assertTrue(refusal(dataSource).contains("a moment ago"));
        now += GuardedDataSource.FIRST_PAUSE_NANOS;
        assertFalse("after the pause Derby is asked again", refusal(dataSource).contains("a moment ago"));
        now += GuardedDataSource.FIRST_PAUSE_NANOS;
        assertTrue("the pause doubles while it keeps failing", refusal(dataSource).contains("a moment ago"));
    }

    @Test
    public void aDatabaseThatShutItselfDownUnderAnOpenConnectionIsNotReopenedAtOnce() throws Exception {
        File directory = new File(folder.getRoot(), "db");
        GuardedDataSource dataSource = dataSource("jdbc:derby:" + directory + ";create=true");
        dataSource.getConnection().close();
        // What a write on a full disk makes Derby say before it shuts the database down.
        dataSource.watch(new SQLException("Page could not be written to disk", "XSDG1", 45000));
        assertTrue(refusal(dataSource).contains("a moment ago"));
        now += GuardedDataSource.FIRST_PAUSE_NANOS;
        dataSource.getConnection().close();
        dataSource.watch(new SQLException("Page could not be written to disk", "XSDG1", 45000));
        now += GuardedDataSource.FIRST_PAUSE_NANOS;
        assertTrue("failures in a row make the pause grow", refusal(dataSource).contains("a moment ago"));
        now += GuardedDataSource.CALM_NANOS;
        dataSource.getConnection().close();
        dataSource.close();
    }

    @Test
    public void afterAFailureTheDatabaseIsOpenedAgainOnlyOnceItsDiskHasRoom() throws Exception {
        long[] free = {1L << 20};
        Properties properties = new Properties();
        properties.setProperty("url", "jdbc:derby:" + new File(folder.getRoot(), "db") + ";create=true");
        GuardedDataSource dataSource = new GuardedDataSource(DerbyDataSources.configure(properties), () -> now, () -> free[0]);
        dataSource.getConnection().close();
        dataSource.watch(new SQLException("Page could not be written to disk", "XSDG1", 45000));
        now += GuardedDataSource.FIRST_PAUSE_NANOS;
        assertTrue(refusal(dataSource).contains("MiB free"));
        free[0] = GuardedDataSource.ROOM_TO_REOPEN;
        now += GuardedDataSource.LONGEST_PAUSE_NANOS;
        dataSource.getConnection().close();
        dataSource.close();
    }

    @Test
    public void aDiskWithLittleRoomDoesNotKeepAHealthyDatabaseFromOpening() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("url", "jdbc:derby:" + new File(folder.getRoot(), "db") + ";create=true");
        GuardedDataSource dataSource = new GuardedDataSource(DerbyDataSources.configure(properties), () -> now, () -> 0L);
        dataSource.getConnection().close();
        dataSource.close();
    }

    @Test
    public void anErrorOfOneStatementLeavesTheDatabaseAlone() throws Exception {
        File directory = new File(folder.getRoot(), "db");
        GuardedDataSource dataSource = dataSource("jdbc:derby:" + directory + ";create=true");
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().executeQuery("SELECT * FROM no_such_table");
            fail("the table does not exist");
        } catch (SQLException expected) {
            assertEquals("42X05", expected.getSQLState());
        }
        dataSource.getConnection().close();
        dataSource.close();
    }

    @Test
    public void theDatabaseComesBackOnceItCanBeOpenedAgain() throws Exception {
        File directory = new File(folder.getRoot(), "late");
        GuardedDataSource dataSource = dataSource("jdbc:derby:" + directory);
        refusal(dataSource);
        EmbeddedDataSource creator = new EmbeddedDataSource();
        creator.setDatabaseName(directory.getPath());
        creator.setCreateDatabase("create");
        creator.getConnection().close();
        now += GuardedDataSource.FIRST_PAUSE_NANOS;
        try (Connection c = dataSource.getConnection()) {
            assertTrue(c.isValid(1));
        }
        dataSource.close();
    }

    @Test
    public void aPoolsLoginTimeoutDoesNotLimitHowLongOpeningTheDatabaseTakes() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("url", "jdbc:derby:" + new File(folder.getRoot(), "db") + ";create=true");
        EmbeddedDataSource derby = DerbyDataSources.configure(properties);
        GuardedDataSource dataSource = new GuardedDataSource(derby, () -> now);
        dataSource.setLoginTimeout(2);
        assertEquals(2, dataSource.getLoginTimeout());
        assertEquals("Derby opens the database without a deadline", 0, derby.getLoginTimeout());
        dataSource.getConnection().close();
        dataSource.close();
    }

    @Test
    public void theUrlCarriesThePathAndTheAttributes() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("url", "jdbc:derby:/data/omotenashi/derby;create=true");
        properties.setProperty("user", "app");
        EmbeddedDataSource configured = DerbyDataSources.configure(properties);
        assertEquals("/data/omotenashi/derby", configured.getDatabaseName());
        assertEquals("create=true", configured.getConnectionAttributes());
        assertEquals("app", configured.getUser());
    }

    @Test
    public void anUnknownPropertyIsRefusedRatherThanIgnored() {
        Properties properties = new Properties();
        properties.setProperty("url", "jdbc:derby:memory:x;create=true");
        properties.setProperty("poolSize", "3");
        try {
            DerbyDataSources.configure(properties);
            fail("poolSize is not a Derby setting");
        } catch (SQLException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("poolSize"));
        }
    }

    @Test
    public void aDatabaseItHadOpenThatDerbyKeepsRefusingCountsAsLostOnceAfterTheBound() throws Exception {
        for (String state : LostDatabaseWatch.LOST) {
            RefusingDerby derby = new RefusingDerby("memory:lost-" + state);
            int[] lost = {0};
            GuardedDataSource dataSource = new GuardedDataSource(derby, () -> now, () -> Long.MAX_VALUE,
                    () -> lost[0]++);
            dataSource.getConnection().close();
            derby.refusing = state;
            refusal(dataSource);
            now += LostDatabaseWatch.GIVE_UP_NANOS - 1;
            refusal(dataSource);
            assertEquals(state + ": not yet lost within the bound", 0, lost[0]);
            now += GuardedDataSource.LONGEST_PAUSE_NANOS;
            refusal(dataSource);
            assertEquals(state + ": lost once the bound is over", 1, lost[0]);
            now += LostDatabaseWatch.GIVE_UP_NANOS;
            refusal(dataSource);
            assertEquals(state + ": said once", 1, lost[0]);
        }
    }

    @Test
    public void aLostDatabaseIsNotAskedToShutDownWhenClosed() throws Exception {
        File directory = new File(folder.getRoot(), "lost");
        RefusingDerby derby = new RefusingDerby(directory.toString());
        GuardedDataSource dataSource = new GuardedDataSource(derby, () -> now, () -> Long.MAX_VALUE, () -> { });
        dataSource.getConnection().close();
        derby.refusing = "XJ004";
        refusal(dataSource);
        now += LostDatabaseWatch.GIVE_UP_NANOS + GuardedDataSource.LONGEST_PAUSE_NANOS;
        refusal(dataSource);
        dataSource.close();
        assertTrue("Derby was not asked to shut the lost database down", new File(directory, "db.lck").exists());
        try {
            DriverManager.getConnection("jdbc:derby:" + directory + ";shutdown=true");
        } catch (SQLException shutDown) {
            assertEquals("08006", shutDown.getSQLState());
        }
    }

    @Test
    public void aDatabaseThatOpensInBetweenStartsTheBoundAgain() throws Exception {
        RefusingDerby derby = new RefusingDerby("memory:comes-back");
        int[] lost = {0};
        GuardedDataSource dataSource = new GuardedDataSource(derby, () -> now, () -> Long.MAX_VALUE, () -> lost[0]++);
        dataSource.getConnection().close();
        derby.refusing = "XJ004";
        refusal(dataSource);
        now += LostDatabaseWatch.GIVE_UP_NANOS / 2;
        derby.refusing = null;
        now += GuardedDataSource.LONGEST_PAUSE_NANOS;
        dataSource.getConnection().close();
        derby.refusing = "XJ004";
        refusal(dataSource);
        now += LostDatabaseWatch.GIVE_UP_NANOS / 2 + LostDatabaseWatch.GIVE_UP_NANOS / 4;
        refusal(dataSource);
        assertEquals(0, lost[0]);
    }

    @Test
    public void aDatabaseLockedFromTheStartIsAnotherProcesssAndNeverCountsAsLost() throws Exception {
        RefusingDerby derby = new RefusingDerby("memory:foreign");
        derby.refusing = "XSDB6";
        int[] lost = {0};
        GuardedDataSource dataSource = new GuardedDataSource(derby, () -> now, () -> Long.MAX_VALUE, () -> lost[0]++);
        refusal(dataSource);
        now += 2 * LostDatabaseWatch.GIVE_UP_NANOS;
        refusal(dataSource);
        assertEquals(0, lost[0]);
    }

    /** Derby as it refuses a database it will not open: XJ040 with the reason as the next exception. */
    private static final class RefusingDerby extends EmbeddedDataSource {
        private static final long serialVersionUID = 1L;
        volatile String refusing;

        RefusingDerby(String name) {
            setDatabaseName(name);
            setCreateDatabase("create");
        }

        @Override
        public Connection getConnection() throws SQLException {
            String state = refusing;
            if (state != null) {
                SQLException refused = new SQLException("Failed to start database", "XJ040", 45000);
                refused.setNextException(new SQLException("refused as " + state, state, 45000));
                throw refused;
            }
            return super.getConnection();
        }
    }

    private static String refusal(GuardedDataSource dataSource) {
        try {
            dataSource.getConnection().close();
            throw new AssertionError("the database does not exist");
        } catch (SQLException e) {
            return e.getMessage();
        }
    }
}
