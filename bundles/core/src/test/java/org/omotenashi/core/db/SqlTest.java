package org.omotenashi.core.db;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.Before;
import org.junit.Test;

/** The statements every store runs, on a real (in-memory) Derby. */
public class SqlTest {
    private static final Instant AT = Instant.parse("2026-05-01T09:00:00Z");

    private EmbeddedDataSource dataSource;

    record Guest(String id, String name, Instant arrivedAt, Integer nights, Kind kind) {
    }

    enum Kind { BUSINESS, LEISURE }

    private static Guest read(java.sql.ResultSet r) throws SQLException {
        int nights = r.getInt(4);
        Integer stayed = r.wasNull() ? null : nights;
        return new Guest(r.getString(1), r.getString(2), Columns.instant(r, 3), stayed,
                r.getString(5) == null ? null : Kind.valueOf(r.getString(5)));
    }

    @Before
    public void table() throws SQLException {
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:sql-" + UUID.randomUUID());
        dataSource.setCreateDatabase("create");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE GUEST (ID VARCHAR(36) PRIMARY KEY, NAME VARCHAR(100), ARRIVED_AT BIGINT, "
                    + "NIGHTS INTEGER, KIND VARCHAR(20))");
        }
    }

    private void insert(Connection c, Guest g) throws SQLException {
        Sql.update(c, "INSERT INTO GUEST (ID, NAME, ARRIVED_AT, NIGHTS, KIND) VALUES (?,?,?,?,?)",
                p -> p.text(g.id()).text(g.name()).instant(g.arrivedAt()).integer(g.nights()).name(g.kind()));
    }

    @Test
    public void aRowWrittenWithNullsReadsBackTheSame() {
        Guest full = new Guest("g-1", "Anna", AT, 3, Kind.BUSINESS);
        Guest sparse = new Guest("g-2", null, null, null, null);
        Transactions.inTransaction(dataSource, c -> {
            insert(c, full);
            insert(c, sparse);
            return null;
        });
        assertEquals(Optional.of(full), Transactions.read(dataSource,
                c -> Sql.one(c, "SELECT ID, NAME, ARRIVED_AT, NIGHTS, KIND FROM GUEST WHERE ID=?", SqlTest::read, "g-1")));
        assertEquals(Optional.of(sparse), Transactions.read(dataSource,
                c -> Sql.one(c, "SELECT ID, NAME, ARRIVED_AT, NIGHTS, KIND FROM GUEST WHERE ID=?", SqlTest::read, "g-2")));
        assertEquals(Optional.empty(), Transactions.read(dataSource,
                c -> Sql.one(c, "SELECT ID, NAME, ARRIVED_AT, NIGHTS, KIND FROM GUEST WHERE ID=?", SqlTest::read, "g-3")));
    }

    @Test
    public void valuesAreBoundByTheirJavaType() {
        Transactions.inTransaction(dataSource, c -> {
            insert(c, new Guest("g-1", "Anna", AT, 3, Kind.BUSINESS));
            insert(c, new Guest("g-2", "Bram", AT.plusSeconds(60), 1, Kind.LEISURE));
            return null;
        });
        List<String> found = Transactions.read(dataSource, c -> Sql.list(c,
                "SELECT ID FROM GUEST WHERE ARRIVED_AT>=? AND NIGHTS<? AND KIND=? ORDER BY ID", r -> r.getString(1),
                AT, 5, Kind.LEISURE));
        assertEquals(List.of("g-2"), found);
        assertEquals(1, (int) Transactions.inTransaction(dataSource,
                c -> Sql.update(c, "UPDATE GUEST SET NIGHTS=NIGHTS+1 WHERE ID=? AND ARRIVED_AT=?", "g-1", AT.toEpochMilli())));
    }

    @Test
    public void aNullWithoutAColumnTypeIsRefusedBeforeAnythingRuns() {
        Object noValue = null;
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Transactions.inTransaction(
                dataSource, c -> Sql.update(c, "UPDATE GUEST SET NAME=? WHERE ID=?", noValue, "g-1")));
        assertTrue(refused.getMessage(), refused.getMessage().contains("parameter 1"));
    }

    @Test
    public void aBatchLargerThanOneRoundTripReportsEveryItemInOrder() {
        List<Guest> guests = IntStream.range(0, Sql.BATCH_SIZE * 2 + 7)
                .mapToObj(i -> new Guest(String.format("g-%04d", i), "guest " + i, AT, i % 3 == 0 ? null : i, null))
                .toList();
        int[] counts = Transactions.inTransaction(dataSource, c -> Sql.batch(c,
                "INSERT INTO GUEST (ID, NAME, ARRIVED_AT, NIGHTS, KIND) VALUES (?,?,?,?,?)", guests,
                (p, g) -> p.text(g.id()).text(g.name()).instant(g.arrivedAt()).integer(g.nights()).name(g.kind())));
        assertEquals(guests.size(), counts.length);
        List<Guest> stored = Transactions.read(dataSource,
                c -> Sql.list(c, "SELECT ID, NAME, ARRIVED_AT, NIGHTS, KIND FROM GUEST ORDER BY ID", SqlTest::read));
        assertEquals(guests, stored);
    }

    @Test
    public void changedKeepsOnlyTheItemsWhoseRowTheBatchChanged() {
        Transactions.inTransaction(dataSource, c -> {
            insert(c, new Guest("g-1", "Anna", AT, 3, Kind.BUSINESS));
            insert(c, new Guest("g-2", "Bram", AT, null, Kind.BUSINESS));
            return null;
        });
        List<String> ids = List.of("g-1", "g-2", "g-3");
        List<String> changed = Transactions.inTransaction(dataSource, c -> Sql.changed(ids, Sql.batch(c,
                "UPDATE GUEST SET KIND='LEISURE' WHERE ID=? AND NIGHTS IS NOT NULL", ids, (p, id) -> p.text(id))));
        assertEquals(List.of("g-1"), changed);
        assertArrayEquals(new int[0], Transactions.inTransaction(dataSource,
                c -> Sql.batch(c, "DELETE FROM GUEST WHERE ID=?", List.<String>of(), (p, id) -> p.text(id))));
    }

    @Test
    public void eachHandsOverEveryRowWithoutCollectingThem() {
        Transactions.inTransaction(dataSource, c -> {
            insert(c, new Guest("g-1", "Anna", AT, 3, Kind.BUSINESS));
            insert(c, new Guest("g-2", "Bram", AT, null, Kind.BUSINESS));
            return null;
        });
        List<String> names = new ArrayList<>();
        Transactions.read(dataSource, c -> {
            Sql.each(c, "SELECT NAME FROM GUEST WHERE KIND=? ORDER BY NAME", p -> p.name(Kind.BUSINESS),
                    r -> names.add(r.getString(1)));
            return null;
        });
        assertEquals(List.of("Anna", "Bram"), names);
    }

    @Test
    public void aTakenKeyIsADuplicateKeyExceptionAndNothingOfTheTransactionStays() {
        Transactions.inTransaction(dataSource, c -> {
            insert(c, new Guest("g-1", "Anna", AT, 3, Kind.BUSINESS));
            return null;
        });
        DuplicateKeyException duplicate = assertThrows(DuplicateKeyException.class, () ->
                Transactions.inTransaction(dataSource, c -> {
                    insert(c, new Guest("g-2", "Bram", AT, 1, Kind.LEISURE));
                    insert(c, new Guest("g-1", "Anna again", AT, 1, Kind.LEISURE));
                    return null;
                }));
        assertTrue(duplicate.getCause() instanceof SQLException);
        assertFalse(Transactions.read(dataSource, c -> Sql.one(c, "SELECT ID FROM GUEST WHERE ID=?", r -> r.getString(1),
                "g-2")).isPresent());
    }

    @Test
    public void otherFailuresStayPlainStorageExceptions() {
        StorageException failure = assertThrows(StorageException.class, () -> Transactions.read(dataSource,
                c -> Sql.list(c, "SELECT NO_SUCH_COLUMN FROM GUEST", r -> r.getString(1))));
        assertFalse(failure instanceof DuplicateKeyException);
    }
}
