package org.omotenashi.connector.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.omotenashi.connector.api.TrackedItem;
import org.omotenashi.connector.spi.ChangeCursor;
import org.omotenashi.core.db.Columns;

/** SQL of the connector's two tables; callers hold the connection and the transaction. */
final class ConnectorStore {
    private static final String ITEM_COLUMNS = "SYSTEM, EXTERNAL_ID, NUMBER, TITLE, STATUS, PROMISE_ID, ITEM_STATE, "
            + "TARGET_DATE, ON_HOLD, CHANGED_AT, APPLIED_AT, NOTE, LINK, INTENT";

    /** Where an instance's poll stands. */
    record Position(ChangeCursor cursor, long seen, long applied, Instant lastSyncAt) {
        static final Position NONE = new Position(ChangeCursor.START, 0, 0, null);
    }

    Position position(Connection c, String instance) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT CHANGED_AT, LAST_ID, ITEMS_SEEN, ITEMS_APPLIED, LAST_SYNC_AT "
                + "FROM CONNECTOR_CURSOR WHERE INSTANCE=?")) {
            s.setString(1, instance);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Position.NONE;
                }
                return new Position(new ChangeCursor(Columns.instant(r, 1), r.getString(2)), r.getLong(3), r.getLong(4),
                        Columns.instant(r, 5));
            }
        }
    }

    /** Moves the cursor (when not null) and adds to the counters, creating the instance's row on first use. */
    void advance(Connection c, String instance, ChangeCursor cursor, int seen, int applied, Instant syncedAt)
            throws SQLException {
        String sql = "UPDATE CONNECTOR_CURSOR SET ITEMS_SEEN=ITEMS_SEEN+?, ITEMS_APPLIED=ITEMS_APPLIED+?"
                + (cursor == null ? "" : ", CHANGED_AT=?, LAST_ID=?") + (syncedAt == null ? "" : ", LAST_SYNC_AT=?")
                + " WHERE INSTANCE=?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setLong(i++, seen);
            s.setLong(i++, applied);
            if (cursor != null) {
                Columns.setInstant(s, i++, cursor.changedAt());
                s.setString(i++, cursor.lastId());
            }
            if (syncedAt != null) {
                Columns.setInstant(s, i++, syncedAt);
            }
            s.setString(i, instance);
            if (s.executeUpdate() == 1) {
                return;
            }
        }
        ChangeCursor start = cursor == null ? ChangeCursor.START : cursor;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO CONNECTOR_CURSOR (INSTANCE, CHANGED_AT, LAST_ID, "
                + "ITEMS_SEEN, ITEMS_APPLIED, LAST_SYNC_AT) VALUES (?,?,?,?,?,?)")) {
            s.setString(1, instance);
            Columns.setInstant(s, 2, start.changedAt());
            s.setString(3, start.lastId());
            s.setLong(4, seen);
            s.setLong(5, applied);
            Columns.setInstant(s, 6, syncedAt);
            s.executeUpdate();
        }
    }

    Optional<ItemRecord> find(Connection c, String system, String externalId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + ITEM_COLUMNS + " FROM CONNECTOR_ITEM "
                + "WHERE SYSTEM=? AND EXTERNAL_ID=?")) {
            s.setString(1, system);
            s.setString(2, externalId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(item(r)) : Optional.empty();
            }
        }
    }

    /** Stores the record, replacing the one with the same (system, external id). */
    void save(Connection c, ItemRecord item) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE CONNECTOR_ITEM SET NUMBER=?, TITLE=?, STATUS=?, PROMISE_ID=?, "
                + "ITEM_STATE=?, TARGET_DATE=?, ON_HOLD=?, CHANGED_AT=?, APPLIED_AT=?, NOTE=?, LINK=?, INTENT=? "
                + "WHERE SYSTEM=? AND EXTERNAL_ID=?")) {
            int i = bind(s, 1, item);
            s.setString(i++, item.system());
            s.setString(i, item.externalId());
            if (s.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO CONNECTOR_ITEM (NUMBER, TITLE, STATUS, PROMISE_ID, "
                + "ITEM_STATE, TARGET_DATE, ON_HOLD, CHANGED_AT, APPLIED_AT, NOTE, LINK, INTENT, SYSTEM, EXTERNAL_ID) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            int i = bind(s, 1, item);
            s.setString(i++, item.system());
            s.setString(i, item.externalId());
            s.executeUpdate();
        }
    }

    List<ItemRecord> list(Connection c, String system, TrackedItem.Status status, int limit) throws SQLException {
        String sql = "SELECT " + ITEM_COLUMNS + " FROM CONNECTOR_ITEM WHERE SYSTEM=?"
                + (status == null ? "" : " AND STATUS=?") + " ORDER BY CHANGED_AT DESC, EXTERNAL_ID DESC";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, system);
            if (status != null) {
                s.setString(2, status.name());
            }
            s.setMaxRows(limit);
            List<ItemRecord> items = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    items.add(item(r));
                }
            }
            return items;
        }
    }

    long count(Connection c, String system, TrackedItem.Status status) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM CONNECTOR_ITEM WHERE SYSTEM=? AND STATUS=?")) {
            s.setString(1, system);
            s.setString(2, status.name());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** The item linked to a promise, if any. */
    Optional<ItemRecord> byPromise(Connection c, String promiseId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + ITEM_COLUMNS + " FROM CONNECTOR_ITEM WHERE PROMISE_ID=?")) {
            s.setString(1, promiseId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(item(r)) : Optional.empty();
            }
        }
    }

    private static int bind(PreparedStatement s, int i, ItemRecord item) throws SQLException {
        s.setString(i++, item.number());
        s.setString(i++, item.title());
        s.setString(i++, item.status().name());
        s.setString(i++, item.promiseId());
        s.setString(i++, item.itemState());
        Columns.setInstant(s, i++, item.targetDate());
        s.setBoolean(i++, item.onHold());
        Columns.setInstant(s, i++, item.changedAt());
        Columns.setInstant(s, i++, item.appliedAt());
        s.setString(i++, item.note());
        s.setString(i++, item.link());
        s.setString(i++, item.intent());
        return i;
    }

    private static ItemRecord item(ResultSet r) throws SQLException {
        return new ItemRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                TrackedItem.Status.valueOf(r.getString(5)), r.getString(6), r.getString(7), Columns.instant(r, 8),
                r.getBoolean(9), Columns.instant(r, 10), Columns.instant(r, 11), r.getString(12), r.getString(13),
                r.getString(14));
    }
}
