package org.omotenashi.testing;

import java.util.UUID;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.omotenashi.core.db.Migrations;

/** A fresh in-memory Derby per test, migrated by the module's real changelog. */
public final class MemoryDatabase {
    private MemoryDatabase() {
    }

    /**
     * @param changelog the module's changelog path, as its component passes it to {@link Migrations}
     * @param owner     a class of the module, whose class loader sees the changelog
     */
    public static EmbeddedDataSource migrated(String changelog, Class<?> owner) {
        EmbeddedDataSource dataSource = empty(owner.getSimpleName());
        Migrations.apply(dataSource, changelog, owner);
        return dataSource;
    }

    /** A database with no tables yet, for a component that migrates its own when it starts. */
    public static EmbeddedDataSource empty(String name) {
        EmbeddedDataSource dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:" + name + "-" + UUID.randomUUID());
        dataSource.setCreateDatabase("create");
        return dataSource;
    }
}
