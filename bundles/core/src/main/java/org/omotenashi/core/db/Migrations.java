package org.omotenashi.core.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Brings a module's tables up to date with its Liquibase changelog when the module activates.
 * Each changeset runs once and in its own transaction, so a failed step leaves the schema as it
 * was. Modules of one container migrate one at a time, which keeps them off Liquibase's database
 * lock and its slow polling.
 */
public final class Migrations {
    private static final Object ONE_AT_A_TIME = new Object();

    private Migrations() {
    }

    /**
     * @param changelog the changelog's path inside {@code owner}'s bundle, e.g. {@code db/promises/changelog.xml}
     * @param owner     a class of the module, whose class loader can see the changelog
     */
    public static void apply(DataSource dataSource, String changelog, Class<?> owner) {
        synchronized (ONE_AT_A_TIME) {
            try (Connection connection = dataSource.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                try {
                    // The summary goes to the log, not to the console of whoever restarted the bundle.
                    Scope.child(Map.of("liquibase.analytics.enabled", false,
                                    "liquibase.showBanner", false,
                                    Scope.Attr.ui.name(), new LoggerUIService(),
                                    Scope.Attr.classLoader.name(), Liquibase.class.getClassLoader()),
                            () -> update(connection, changelog, owner.getClassLoader()));
                    // Liquibase turns autocommit off; Derby refuses to close a connection with work pending.
                    connection.commit();
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                throw new StorageException(e);
            } catch (Exception e) {
                throw new IllegalStateException("migration " + changelog + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static void update(Connection connection, String changelog, ClassLoader loader) throws Exception {
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        Liquibase liquibase = new Liquibase(changelog, new ClassLoaderResourceAccessor(loader), database);
        if (isEmbeddedDerby(connection)) {
            // Only this JVM can open an embedded Derby database, and it migrates one changelog at a time: a lock found
            // now was left by a process that died in a migration (a kill -9), and would make every start wait for it.
            liquibase.forceReleaseLocks();
        }
        // Its "UPDATE SUMMARY" goes to the log too; printed, it lands in the console of whoever started the bundle.
        liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
        liquibase.update(new Contexts(), new LabelExpression());
    }

    private static boolean isEmbeddedDerby(Connection connection) throws SQLException {
        String url = connection.getMetaData().getURL();
        return url != null && url.startsWith("jdbc:derby:") && !url.startsWith("jdbc:derby://");
    }
}
