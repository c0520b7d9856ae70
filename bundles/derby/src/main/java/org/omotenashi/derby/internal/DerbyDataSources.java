package org.omotenashi.derby.internal;

import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.ConnectionPoolDataSource;
import javax.sql.DataSource;
import javax.sql.XADataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.osgi.service.jdbc.DataSourceFactory;

/**
 * Embedded Derby data sources for a pool to build on, configured as pax-jdbc-derby's were: {@code url}
 * ({@code jdbc:derby:path;attributes}) or {@code databaseName}, optional {@code user} and {@code password}.
 * Remembers each one, so all of them can be closed and their databases shut down together.
 */
final class DerbyDataSources implements DataSourceFactory {
    private static final String URL_PREFIX = "jdbc:derby:";

    private final List<GuardedDataSource> made = new CopyOnWriteArrayList<>();
    /** What to do when a database cannot be opened again in this JVM (see {@link LostDatabaseWatch}). */
    private final Runnable whenLost;

    DerbyDataSources(Runnable whenLost) {
        this.whenLost = whenLost;
    }

    @Override
    public DataSource createDataSource(Properties properties) throws SQLException {
        EmbeddedDataSource embedded = configure(properties);
        NewDatabaseCopy.ifNew(embedded, System.getProperty(NewDatabaseCopy.TEMPLATE));
        GuardedDataSource dataSource = new GuardedDataSource(embedded, whenLost);
        made.add(dataSource);
        return dataSource;
    }

    static EmbeddedDataSource configure(Properties properties) throws SQLException {
        Properties rest = (Properties) properties.clone();
        EmbeddedDataSource dataSource = new EmbeddedDataSource();
        String url = (String) rest.remove(JDBC_URL);
        String databaseName = (String) rest.remove(JDBC_DATABASE_NAME);
        if (url != null) {
            if (!url.startsWith(URL_PREFIX)) {
                throw new SQLException("not an embedded Derby URL: " + url);
            }
            String[] parts = url.substring(URL_PREFIX.length()).split(";", 2);
            databaseName = parts[0];
            if (parts.length > 1 && !parts[1].isBlank()) {
                dataSource.setConnectionAttributes(parts[1]);
            }
        }
        if (databaseName == null || databaseName.isBlank()) {
            throw new SQLException("a Derby data source needs " + JDBC_URL + " or " + JDBC_DATABASE_NAME);
        }
        dataSource.setDatabaseName(databaseName);
        String user = (String) rest.remove(JDBC_USER);
        if (user != null) {
            dataSource.setUser(user);
        }
        String password = (String) rest.remove(JDBC_PASSWORD);
        if (password != null) {
            dataSource.setPassword(password);
        }
        String createDatabase = (String) rest.remove("createDatabase");
        if (createDatabase != null) {
            dataSource.setCreateDatabase(createDatabase);
        }
        String attributes = (String) rest.remove("connectionAttributes");
        if (attributes != null) {
            dataSource.setConnectionAttributes(attributes);
        }
        if (!rest.isEmpty()) {
            throw new SQLException("a Derby data source cannot take " + rest.keySet());
        }
        return dataSource;
    }

    /** Refuses new connections on every data source made, then shuts their databases down. */
    void close() {
        for (GuardedDataSource dataSource : made) {
            dataSource.close();
        }
        made.clear();
    }

    @Override
    public ConnectionPoolDataSource createConnectionPoolDataSource(Properties properties) throws SQLException {
        throw new SQLFeatureNotSupportedException("use pool = hikari and xa = false with the embedded Derby");
    }

    @Override
    public XADataSource createXADataSource(Properties properties) throws SQLException {
        throw new SQLFeatureNotSupportedException("use pool = hikari and xa = false with the embedded Derby");
    }

    @Override
    public Driver createDriver(Properties properties) throws SQLException {
        throw new SQLFeatureNotSupportedException("the embedded Derby is offered as a data source only");
    }
}
