package org.omotenashi.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The database a new installation starts with, made from the schemas its bundles declare. */
public class NewDatabaseTemplateTest {
    private static final String CORE_SCHEMAS = "db/core/changelog.xml;pid=org.omotenashi.events,"
            + "db/core/soap-nonces.xml;pid=org.omotenashi.soap;first-use,db/outbox/changelog.xml";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void theCoresSchemasComeFirstThenTheModulesAndThoseMigratedOnFirstUseLast() throws Exception {
        ClassLoader bundles = bundles(bundle("org.omotenashi.survey", "db/survey/changelog.xml;pid=org.omotenashi.survey"),
                bundle("org.omotenashi.omotenashi-core", CORE_SCHEMAS),
                bundle("org.omotenashi.handover", "db/handover/changelog.xml;pid=org.omotenashi.handover"),
                bundle("org.example.other", null));
        assertEquals(List.of("db/core/changelog.xml", "db/outbox/changelog.xml", "db/handover/changelog.xml",
                "db/survey/changelog.xml", "db/core/soap-nonces.xml"), NewDatabaseTemplate.declaredSchemas(bundles));
    }

    @Test
    public void everyDeclaredSchemaIsMigratedAndItsDigestRecorded() throws Exception {
        Path folder = temp.getRoot().toPath().resolve("new-database");
        List<String> made = NewDatabaseTemplate.make(folder,
                bundles(bundle("org.omotenashi.omotenashi-core", CORE_SCHEMAS)));
        assertEquals(List.of("db/core/changelog.xml", "db/outbox/changelog.xml", "db/core/soap-nonces.xml"), made);
        // shut down cleanly: it opens again without create, as a copy of it will
        String url = "jdbc:derby:" + folder.toAbsolutePath();
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            assertEquals(List.of("db/core/changelog.xml", "db/core/soap-nonces.xml", "db/outbox/changelog.xml"),
                    column(statement, "SELECT CHANGELOG FROM MIGRATION_DIGEST ORDER BY CHANGELOG"));
            assertEquals(List.of("0"), column(statement, "SELECT COUNT(*) FROM OUTBOX_DELIVERY"));
        } finally {
            shutDown(url);
        }
    }

    @Test
    public void anExistingFolderIsNeverMigratedInto() throws Exception {
        Path folder = temp.newFolder("in-use").toPath();
        assertThrows(IOException.class, () -> NewDatabaseTemplate.make(folder,
                bundles(bundle("org.omotenashi.omotenashi-core", CORE_SCHEMAS))));
    }

    private static List<String> column(Statement statement, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static void shutDown(String url) {
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException expected) {
            // 08006: shut down
        }
    }

    /** A folder with a bundle's manifest. */
    private Path bundle(String symbolicName, String schemas) throws IOException {
        Path root = temp.newFolder().toPath();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        if (schemas != null) {
            manifest.getMainAttributes().putValue(ModuleBundles.SCHEMA_HEADER, schemas);
        }
        Files.createDirectories(root.resolve("META-INF"));
        try (OutputStream out = Files.newOutputStream(root.resolve("META-INF/MANIFEST.MF"))) {
            manifest.write(out);
        }
        return root;
    }

    /** Sees these bundles' manifests only, and everything else (the changelogs) as this test does. */
    private static ClassLoader bundles(Path... roots) throws IOException {
        URL[] urls = new URL[roots.length];
        for (int i = 0; i < roots.length; i++) {
            urls[i] = roots[i].toUri().toURL();
        }
        return new URLClassLoader(urls, NewDatabaseTemplateTest.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return name.equals("META-INF/MANIFEST.MF") ? findResources(name)
                        : Collections.enumeration(Collections.list(super.getResources(name)));
            }
        };
    }
}
