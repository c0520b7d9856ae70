package org.omotenashi.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Manifest;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

import org.omotenashi.core.db.Migrations;

/**
 * Makes the database a new installation starts with: an embedded Derby database in which every schema declared
 * by the bundles on the class path ({@value ModuleBundles#SCHEMA_HEADER}) is migrated, the core's first and those
 * migrated on first use last, as {@link SchemasAhead} orders them. A new installation's first start then finds its
 * schemas up to date, as a restart does, and Liquibase is not used at all on that start. The build runs this for the
 * distribution; the suite's embedded Derby data source starts a database that does not exist yet as a copy of it.
 * <pre>
 * java -cp core, liquibase, Derby and the module bundles org.omotenashi.core.internal.NewDatabaseTemplate folder
 * </pre>
 */
public final class NewDatabaseTemplate {
    private static final String CORE = "org.omotenashi.omotenashi-core";
    /** Held, so that its level stays set (java.util.logging keeps loggers weakly). */
    private static final Logger LIQUIBASE = Logger.getLogger("liquibase");

    private NewDatabaseTemplate() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: NewDatabaseTemplate <folder of the database to make>");
        }
        // Liquibase logs each step through java.util.logging; the build's output needs only what went wrong.
        LIQUIBASE.setLevel(Level.WARNING);
        List<String> made = make(Path.of(args[0]), NewDatabaseTemplate.class.getClassLoader());
        System.out.println("New-installation database " + args[0] + ": " + String.join(", ", made));
    }

    /**
     * Makes the database in {@code folder}, which must not exist yet, with every schema {@code loader}'s bundles
     * declare, and shuts it down cleanly, so that a copy opens without recovery.
     *
     * @return the changelogs migrated, in their order
     */
    static List<String> make(Path folder, ClassLoader loader) throws IOException, SQLException {
        if (Files.exists(folder)) {
            throw new IOException(folder + " exists already");
        }
        List<String> changelogs = declaredSchemas(loader);
        String url = "jdbc:derby:" + folder.toAbsolutePath();
        DataSource database = new DriverManagerSource(url + ";create=true");
        for (String changelog : changelogs) {
            Migrations.apply(database, changelog, loader);
        }
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
            throw new SQLException("Derby did not shut " + folder + " down");
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState())) {
                throw e;
            }
        }
        return changelogs;
    }

    /** Every schema declared in a manifest {@code loader} sees: the core's first, those migrated on first use last. */
    static List<String> declaredSchemas(ClassLoader loader) throws IOException {
        List<String> core = new ArrayList<>();
        List<String> modules = new ArrayList<>();
        List<String> later = new ArrayList<>();
        for (URL url : Collections.list(loader.getResources("META-INF/MANIFEST.MF"))) {
            Manifest manifest;
            try (InputStream in = url.openStream()) {
                manifest = new Manifest(in);
            }
            String name = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            for (String declared : ModuleBundles.entries(manifest.getMainAttributes().getValue(ModuleBundles.SCHEMA_HEADER))) {
                SchemasAhead.Schema schema = SchemasAhead.Schema.parse(null, declared);
                if (schema != null) {
                    (schema.onFirstUse() ? later : CORE.equals(name) ? core : modules).add(schema.changelog());
                }
            }
        }
        Collections.sort(modules);
        List<String> all = new ArrayList<>(core);
        all.addAll(modules);
        all.addAll(later);
        return all;
    }

    /** Connections from DriverManager, all that {@link Migrations} asks of a data source. */
    private record DriverManagerSource(String url) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return DriverManager.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            throw new UnsupportedOperationException("not needed here");
        }

        @Override
        public void setLoginTimeout(int seconds) {
            throw new UnsupportedOperationException("not needed here");
        }

        @Override
        public int getLoginTimeout() {
            return DriverManager.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
