package org.omotenashi.core.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.Before;
import org.junit.Test;

/** Migrations on a real (in-memory) Derby: each step once, and a failed step leaves nothing behind. */
public class MigrationsTest {
    private EmbeddedDataSource dataSource;

    @Before
    public void freshDatabase() {
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:migrations-" + UUID.randomUUID());
        dataSource.setCreateDatabase("create");
    }

    private boolean tableExists(String name) throws SQLException {
        try (Connection c = dataSource.getConnection();
             ResultSet tables = c.getMetaData().getTables(null, null, name, null)) {
            return tables.next();
        }
    }

    private int stepsRecorded(String id) throws SQLException {
        if (!tableExists("DATABASECHANGELOG")) {
            return 0;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM DATABASECHANGELOG WHERE ID='" + id + "'")) {
            r.next();
            return r.getInt(1);
        }
    }

    @Test
    public void aStepThatAlreadyRanIsNotRunAgain() throws SQLException {
        Migrations.apply(dataSource, "db/test/good.xml", MigrationsTest.class);
        Migrations.apply(dataSource, "db/test/good.xml", MigrationsTest.class);
        assertTrue(tableExists("GUEST"));
        assertEquals(1, stepsRecorded("good-1"));
    }

    @Test
    public void aFailedStepLeavesTheSchemaAsItWas() throws SQLException {
        Migrations.apply(dataSource, "db/test/good.xml", MigrationsTest.class);
        try {
            Migrations.apply(dataSource, "db/test/broken.xml", MigrationsTest.class);
            fail("a step whose statement fails must fail the migration");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("db/test/broken.xml"));
        }
        assertFalse("the table the failed step created is rolled back", tableExists("VISIT"));
        assertEquals(0, stepsRecorded("broken-1"));
        assertTrue("earlier steps are untouched", tableExists("GUEST"));
    }

    @Test
    public void aLockLeftByAProcessKilledMidMigrationDoesNotHoldUpTheNextStart() throws SQLException {
        Migrations.apply(dataSource, "db/test/good.xml", MigrationsTest.class);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE DATABASECHANGELOGLOCK SET LOCKED=TRUE, LOCKGRANTED=CURRENT_TIMESTAMP, "
                    + "LOCKEDBY='a process that was killed'");
        }
        // Without the release this waits five minutes for the dead process and then fails.
        Migrations.apply(dataSource, "db/test/good.xml", MigrationsTest.class);
        assertEquals(1, stepsRecorded("good-1"));
    }
}
