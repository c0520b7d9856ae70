package org.omotenashi.derby.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A new embedded database starts as a copy of the shipped one; nothing else is ever replaced. */
public class NewDatabaseCopyTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path template;

    @Before
    public void shippedDatabase() throws SQLException {
        template = folder.getRoot().toPath().resolve("template");
        String url = "jdbc:derby:" + template;
        try (Connection c = DriverManager.getConnection(url + ";create=true"); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE SHIPPED (ID INT)");
        }
        shutDown(url);
    }

    @Test
    public void aNewDatabaseIsACopyOfTheShippedOne() throws Exception {
        Path database = folder.getRoot().toPath().resolve("data/omotenashi/derby");
        Files.createDirectories(database.getParent());
        EmbeddedDataSource dataSource = dataSource("jdbc:derby:" + database + ";create=true");
        assertTrue(NewDatabaseCopy.ifNew(dataSource, template.toString()));
        assertTrue(hasShippedTable(dataSource));
        assertFalse("no partial copy is left", Files.exists(database.resolveSibling("derby.new")));
        shutDown("jdbc:derby:" + database);
    }

    @Test
    public void anExistingDatabaseIsNeverReplaced() throws Exception {
        Path database = folder.getRoot().toPath().resolve("in-use");
        shutDown(url(DriverManager.getConnection("jdbc:derby:" + database + ";create=true")));
        EmbeddedDataSource dataSource = dataSource("jdbc:derby:" + database + ";create=true");
        assertFalse(NewDatabaseCopy.ifNew(dataSource, template.toString()));
        assertFalse(hasShippedTable(dataSource));
        shutDown("jdbc:derby:" + database);
    }

    @Test
    public void aCopyCutShortByACrashIsReplacedByAWholeOne() throws Exception {
        Path database = folder.getRoot().toPath().resolve("derby");
        Files.createDirectories(database.resolveSibling("derby.new").resolve("seg0"));
        Files.writeString(database.resolveSibling("derby.new").resolve("seg0/half-written.dat"), "x");
        EmbeddedDataSource dataSource = dataSource("jdbc:derby:" + database + ";create=true");
        assertTrue(NewDatabaseCopy.ifNew(dataSource, template.toString()));
        assertFalse(Files.exists(database.resolve("seg0/half-written.dat")));
        assertTrue(hasShippedTable(dataSource));
        shutDown("jdbc:derby:" + database);
    }

    @Test
    public void withoutCreateOrWithoutATemplateOrInMemoryNothingIsCopied() throws Exception {
        Path database = folder.getRoot().toPath().resolve("not-asked");
        assertFalse(NewDatabaseCopy.ifNew(dataSource("jdbc:derby:" + database), template.toString()));
        assertFalse(NewDatabaseCopy.ifNew(dataSource("jdbc:derby:" + database + ";create=true"), null));
        assertFalse(NewDatabaseCopy.ifNew(dataSource("jdbc:derby:" + database + ";create=true"),
                folder.getRoot().toPath().resolve("no-template").toString()));
        assertFalse(Files.exists(database));
        assertFalse(NewDatabaseCopy.ifNew(dataSource("jdbc:derby:memory:x;create=true"), template.toString()));
        assertNull(NewDatabaseCopy.onDisk("memory:x"));
    }

    @Test
    public void aRelativeDatabaseLivesInDerbysHome() {
        assertEquals(Path.of(System.getProperty("derby.system.home", System.getProperty("user.dir")), "db"),
                NewDatabaseCopy.onDisk("directory:db"));
        assertEquals(Path.of("/srv/db"), NewDatabaseCopy.onDisk("/srv/db"));
    }

    private static EmbeddedDataSource dataSource(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("url", url);
        return DerbyDataSources.configure(properties);
    }

    private static boolean hasShippedTable(EmbeddedDataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
             ResultSet tables = c.getMetaData().getTables(null, null, "SHIPPED", null)) {
            return tables.next();
        }
    }

    private static String url(Connection connection) throws SQLException {
        try (connection) {
            return connection.getMetaData().getURL();
        }
    }

    private static void shutDown(String url) {
        try {
            DriverManager.getConnection(url.replace(";create=true", "") + ";shutdown=true").close();
        } catch (SQLException expected) {
            // 08006: shut down
        }
    }
}
