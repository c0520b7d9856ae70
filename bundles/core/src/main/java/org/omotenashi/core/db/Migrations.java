package org.omotenashi.core.db;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.changelog.ChangeLogParameters;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a module's tables up to date with its Liquibase changelog when the module activates.
 * Each changeset runs once and in its own transaction, so a failed step leaves the schema as it
 * was. Modules of one container migrate one at a time, which keeps them off Liquibase's database
 * lock and its slow polling. XML changelogs are not checked against Liquibase's XSD here (that costs every
 * start's first migration a schema compile); the build checks them (see {@link #VALIDATE_XML}).
 *
 * <p>A start should not pay for Liquibase when nothing changed: after a changelog has been applied, its
 * SHA-256 is kept in {@code MIGRATION_DIGEST} (this helper's own table, as DATABASECHANGELOG is Liquibase's), and a
 * changelog whose digest is still the same is not handed to Liquibase again. Deleting a changelog's row there makes
 * the next start hand it to Liquibase. Any change of the file (a new
 * changeset, an edited one) changes the digest, and Liquibase then runs, validates and records as always.
 * A digest that cannot be read or written only costs that time: Liquibase runs.
 */
public final class Migrations {
    /**
     * The system property that makes migrations check changelogs against Liquibase's XSD, as the build's tests do.
     * Liquibase fixes the check when it first reads a changelog in a JVM.
     */
    public static final String VALIDATE_XML = "omotenashi.migrations.validateXml";
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    /** Fair: a module waiting for its own schema goes before the next schema migrated ahead of its module. */
    private static final ReentrantLock ONE_AT_A_TIME = new ReentrantLock(true);
    /** Embedded Derby databases whose Liquibase lock this JVM has already cleared (by connection URL). */
    private static final Set<String> LOCKS_CLEARED = ConcurrentHashMap.newKeySet();

    private Migrations() {
    }

    /**
     * @param changelog the changelog's path inside {@code owner}'s bundle, e.g. {@code db/promises/changelog.xml}
     * @param owner     a class of the module, whose class loader can see the changelog
     */
    public static void apply(DataSource dataSource, String changelog, Class<?> owner) {
        apply(dataSource, changelog, owner.getClassLoader());
    }

    /**
     * @param changelog the changelog's path as {@code loader} finds it
     * @param loader    the class loader of the module's bundle
     */
    public static void apply(DataSource dataSource, String changelog, ClassLoader loader) {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            try {
                String digest = digest(changelog, loader);
                // Checked before waiting: a module whose schema was migrated ahead of its start (SchemasAhead) does
                // not wait for the migration of another module's schema.
                if (digest.equals(appliedDigest(connection, changelog))) {
                    LOG.info("Schema {} unchanged since it was last migrated, checked in {} ms", changelog,
                            (System.nanoTime() - started) / 1_000_000);
                    return;
                }
                ONE_AT_A_TIME.lock();
                try {
                    if (digest.equals(appliedDigest(connection, changelog))) {
                        LOG.info("Schema {} migrated meanwhile, waited {} ms", changelog,
                                (System.nanoTime() - started) / 1_000_000);
                        return;
                    }
                    update(connection, changelog, loader);
                    record(connection, changelog, digest);
                    LOG.info("Schema {} migrated in {} ms", changelog, (System.nanoTime() - started) / 1_000_000);
                } finally {
                    ONE_AT_A_TIME.unlock();
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        } catch (IOException e) {
            throw new IllegalStateException("migration " + changelog + " failed: " + e.getMessage(), e);
        }
    }

    /** The digest recorded when {@code changelog} was last applied here, or null (none, or it cannot be read). */
    private static String appliedDigest(Connection connection, String changelog) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                connection.setAutoCommit(true);
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT DIGEST FROM MIGRATION_DIGEST WHERE CHANGELOG = ?")) {
                    select.setString(1, changelog);
                    try (ResultSet row = select.executeQuery()) {
                        return row.next() ? row.getString(1) : null;
                    }
                }
            } catch (SQLException e) {
                if (attempt > 0) {
                    LOG.warn("Schema digests cannot be read ({}); {} is migrated by Liquibase", e.getMessage(), changelog);
                    return null;
                }
                createDigestTable(connection);
            }
        }
        return null;
    }

    /**
     * The bookkeeping of this helper, made by this helper, as Liquibase makes its own DATABASECHANGELOG: through
     * Liquibase it would cost a first start half a second for one table that never changes.
     */
    private static void createDigestTable(Connection connection) {
        try (Statement create = connection.createStatement()) {
            create.executeUpdate("CREATE TABLE MIGRATION_DIGEST (CHANGELOG VARCHAR(200) NOT NULL, DIGEST VARCHAR(64) NOT NULL,"
                    + " APPLIED_AT TIMESTAMP NOT NULL, CONSTRAINT PK_MIGRATION_DIGEST PRIMARY KEY (CHANGELOG))");
        } catch (SQLException e) {
            // Made a moment ago by another machine on the same database, or the database refuses: the select says which.
        }
    }

    private static void record(Connection connection, String changelog, String digest) {
        try {
            connection.setAutoCommit(true);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE MIGRATION_DIGEST SET DIGEST = ?, APPLIED_AT = CURRENT_TIMESTAMP WHERE CHANGELOG = ?")) {
                update.setString(1, digest);
                update.setString(2, changelog);
                if (update.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO MIGRATION_DIGEST (CHANGELOG, DIGEST, APPLIED_AT) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
                insert.setString(1, changelog);
                insert.setString(2, digest);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            // Another machine on the same database may have recorded it first; without a record, the next start runs
            // Liquibase, which finds nothing to do.
            LOG.warn("The digest of {} was not recorded ({}); the next start migrates it again", changelog, e.getMessage());
        }
    }

    /**
     * Reads a changelog as its migration will, without a database: what Liquibase loads on its first use in this
     * JVM (about half a second) is then loaded while the database is still opening. Never fails: a changelog that
     * cannot be read here fails its migration, which says why.
     *
     * @param changelog the changelog's path as {@code loader} finds it
     * @param loader    the class loader of the module's bundle
     */
    public static void prepare(String changelog, ClassLoader loader) {
        try {
            inLiquibaseScope(() -> {
                ResourceAccessor resources = new ClassLoaderResourceAccessor(loader);
                ChangeLogParserFactory.getInstance().getParser(changelog, resources)
                        .parse(changelog, new ChangeLogParameters(), resources);
                DatabaseFactory.getInstance();
            });
        } catch (Exception e) {
            LOG.debug("Changelog {} not read ahead: {}", changelog, e.toString());
        }
    }

    /** Runs Liquibase on one changelog and commits. */
    private static void update(Connection connection, String changelog, ClassLoader loader) throws SQLException {
        try {
            inLiquibaseScope(() -> liquibase(connection, changelog, loader));
            // Liquibase turns autocommit off; Derby refuses to close a connection with work pending.
            connection.commit();
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("migration " + changelog + " failed: " + e.getMessage(), e);
        }
    }

    private static void inLiquibaseScope(Scope.ScopedRunner<?> work) throws Exception {
        // Liquibase finds its own parts (log service, databases, change types) with java.util.ServiceLoader in the
        // class loader of its scope; its root scope, made on first use, takes the thread's context class loader.
        // Both are Liquibase's own, so it finds them in its own bundle, with no service-loader mediator installed.
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(Liquibase.class.getClassLoader());
        try {
            // The summary goes to the log, not to the console of whoever restarted the bundle.
            Scope.child(Map.of("liquibase.analytics.enabled", false,
                            "liquibase.validateXmlChangelogFiles", Boolean.getBoolean(VALIDATE_XML),
                            "liquibase.showBanner", false,
                            Scope.Attr.ui.name(), new LoggerUIService(),
                            Scope.Attr.classLoader.name(), Liquibase.class.getClassLoader()),
                    work);
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    private static void liquibase(Connection connection, String changelog, ClassLoader loader) throws Exception {
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        Liquibase liquibase = new Liquibase(changelog, new ClassLoaderResourceAccessor(loader), database);
        String url = connection.getMetaData().getURL();
        boolean embedded = isEmbeddedDerby(url);
        if (embedded && !LOCKS_CLEARED.contains(url)) {
            // Only this JVM can open an embedded Derby database, and it migrates one changelog at a time: a lock found
            // now was left by a process that died in a migration (a kill -9), and would make every start wait for it.
            // Cleared once, later migrations release their own lock; clearing it before each would cost each a few
            // hundred milliseconds. After a failed migration (its lock may not have been released) it is cleared again.
            liquibase.forceReleaseLocks();
            LOCKS_CLEARED.add(url);
        }
        // Its "UPDATE SUMMARY" goes to the log too; printed, it lands in the console of whoever started the bundle.
        liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
        try {
            liquibase.update(new Contexts(), new LabelExpression());
        } catch (Exception e) {
            LOCKS_CLEARED.remove(url);
            throw e;
        }
    }

    private static String digest(String changelog, ClassLoader loader) throws IOException {
        try (InputStream in = loader.getResourceAsStream(changelog)) {
            if (in == null) {
                throw new IOException("no changelog " + changelog);
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static boolean isEmbeddedDerby(String url) {
        return url != null && url.startsWith("jdbc:derby:") && !url.startsWith("jdbc:derby://");
    }
}
