package org.omotenashi.core.db;

import java.sql.Connection;
import java.sql.SQLException;

/** A piece of work inside one transaction. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
