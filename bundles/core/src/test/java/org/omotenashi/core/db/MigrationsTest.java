package org.omotenashi.core.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.Before;
import org.junit.Test;

/**
 * Migrations on a real (in-memory) Derby: each step once, a failed step leaves nothing behind, and an unchanged
 * changelog is not handed to Liquibase again.
 */
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
        // What a process killed in a migration leaves behind: Liquibase's lock, taken, in a database this JVM has
        // not migrated yet.
        execute("CREATE TABLE DATABASECHANGELOGLOCK (ID INT NOT NULL PRIMARY KEY, LOCKED BOOLEAN NOT NULL, "
                + "LOCKGRANTED TIMESTAMP, LOCKEDBY VARCHAR(255))");
        execute("INSERT INTO DATABASECHANGELOGLOCK VALUES (1, TRUE, CURRENT_TIMESTAMP, 'a process that was killed')");
        // Without the release this waits five minutes for the dead process and then fails.
        Migrations.apply(dataSource, "db/test/good.xml", MigrationsTest.class);
        assertEquals(1, stepsRecorded("good-1"));
    }

    @Test
    public void anUnchangedChangelogIsNotHandedToLiquibaseAgain() throws SQLException {
        Migrations.apply(dataSource, "db/test/good.xml", MigrationsTest.class);
        // Liquibase, asked again, would now create GUEST a second time and fail.
        execute("DELETE FROM DATABASECHANGELOG");
        Migrations.apply(dataSource, "db/test/good.xml", MigrationsTest.class);
        assertEquals(0, stepsRecorded("good-1"));
    }

    @Test
    public void aChangedChangelogIsMigratedAgain() throws Exception {
        Path folder = Files.createTempDirectory("changelogs");
        Path changelog = Files.createDirectories(folder.resolve("db/test")).resolve("evolving.xml");
        try (URLClassLoader module = new URLClassLoader(new URL[] {folder.toUri().toURL()}, null)) {
            Files.writeString(changelog, changelog("GUEST"));
            Migrations.apply(dataSource, "db/test/evolving.xml", module);
            Files.writeString(changelog, changelog("GUEST", "VISIT"));
            Migrations.apply(dataSource, "db/test/evolving.xml", module);
        }
        assertTrue(tableExists("VISIT"));
        assertEquals(1, stepsRecorded("evolving-GUEST"));
    }

    @Test
    public void theBuildChecksChangelogsAgainstLiquibasesSchema() throws SQLException {
        // Liquibase fixes the check when it first reads a changelog in a JVM: on in the build's tests (this property),
        // off in the distribution.
        assertTrue("the build's tests set " + Migrations.VALIDATE_XML, Boolean.getBoolean(Migrations.VALIDATE_XML));
        try {
            Migrations.apply(dataSource, "db/test/off-schema.xml", MigrationsTest.class);
            fail("an element Liquibase's XSD does not know must fail the migration in the build");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("db/test/off-schema.xml"));
        }
        assertFalse(tableExists("VISITOR"));
    }

    @Test
    public void aChangelogCanBeReadAheadWithoutADatabaseAndAMissingOneIsLeftToItsMigration() {
        Migrations.prepare("db/test/good.xml", MigrationsTest.class.getClassLoader());
        Migrations.prepare("db/test/missing.xml", MigrationsTest.class.getClassLoader());
    }

    @Test
    public void aFailedMigrationIsTriedAgainAtTheNextStart() {
        for (int start = 0; start < 2; start++) {
            try {
                Migrations.apply(dataSource, "db/test/broken.xml", MigrationsTest.class);
                fail("a step whose statement fails must fail the migration, each time");
            } catch (IllegalStateException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().contains("db/test/broken.xml"));
            }
        }
    }

    private static String changelog(String... tables) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
                + "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                + "    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
                + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd\">\n");
        for (String table : tables) {
            xml.append("  <changeSet id=\"evolving-").append(table).append("\" author=\"test\">\n")
                    .append("    <createTable tableName=\"").append(table).append("\">\n")
                    .append("      <column name=\"ID\" type=\"VARCHAR(36)\"/>\n")
                    .append("    </createTable>\n  </changeSet>\n");
        }
        return xml.append("</databaseChangeLog>\n").toString();
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
