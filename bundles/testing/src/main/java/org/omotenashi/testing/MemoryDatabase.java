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
        EmbeddedDataSource dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:" + owner.getSimpleName() + "-" + UUID.randomUUID());
        dataSource.setCreateDatabase("create");
        Migrations.apply(dataSource, changelog, owner);
        return dataSource;
    }
}
