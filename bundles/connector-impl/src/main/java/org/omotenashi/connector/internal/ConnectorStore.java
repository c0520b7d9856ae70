package org.omotenashi.connector.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.omotenashi.connector.api.TrackedItem;
import org.omotenashi.connector.spi.ChangeCursor;
import org.omotenashi.core.db.Columns;
import org.omotenashi.core.db.Params;
import org.omotenashi.core.db.Sql;

/** SQL of the connector's two tables; callers hold the connection and the transaction. */
final class ConnectorStore {
    private static final String ITEM_COLUMNS = "SYSTEM, EXTERNAL_ID, NUMBER, TITLE, STATUS, PROMISE_ID, ITEM_STATE, "
            + "TARGET_DATE, ON_HOLD, CHANGED_AT, APPLIED_AT, NOTE, LINK, INTENT";
    /** Ids per IN list: well below what Derby and PostgreSQL take, and a page is rarely larger. */
    private static final int IN_LIST = 200;

    /** Where an instance's poll stands. */
    record Position(ChangeCursor cursor, long seen, long applied, Instant lastSyncAt) {
        static final Position NONE = new Position(ChangeCursor.START, 0, 0, null);
    }

    Position position(Connection c, String instance) throws SQLException {
        return Sql.one(c, "SELECT CHANGED_AT, LAST_ID, ITEMS_SEEN, ITEMS_APPLIED, LAST_SYNC_AT FROM CONNECTOR_CURSOR "
                        + "WHERE INSTANCE=?",
                r -> new Position(new ChangeCursor(Columns.instant(r, 1), r.getString(2)), r.getLong(3), r.getLong(4),
                        Columns.instant(r, 5)), instance).orElse(Position.NONE);
    }

    /** Moves the cursor (when not null) and adds to the counters, creating the instance's row on first use. */
    void advance(Connection c, String instance, ChangeCursor cursor, int seen, int applied, Instant syncedAt)
            throws SQLException {
        String sql = "UPDATE CONNECTOR_CURSOR SET ITEMS_SEEN=ITEMS_SEEN+?, ITEMS_APPLIED=ITEMS_APPLIED+?"
                + (cursor == null ? "" : ", CHANGED_AT=?, LAST_ID=?") + (syncedAt == null ? "" : ", LAST_SYNC_AT=?")
                + " WHERE INSTANCE=?";
        int updated = Sql.update(c, sql, p -> {
            p.number(seen).number(applied);
            if (cursor != null) {
                p.instant(cursor.changedAt()).text(cursor.lastId());
            }
            if (syncedAt != null) {
                p.instant(syncedAt);
            }
            p.text(instance);
        });
        if (updated == 0) {
            ChangeCursor start = cursor == null ? ChangeCursor.START : cursor;
            Sql.update(c, "INSERT INTO CONNECTOR_CURSOR (INSTANCE, CHANGED_AT, LAST_ID, ITEMS_SEEN, ITEMS_APPLIED, "
                    + "LAST_SYNC_AT) VALUES (?,?,?,?,?,?)", p -> p.text(instance).instant(start.changedAt())
                    .text(start.lastId()).number(seen).number(applied).instant(syncedAt));
        }
    }

    Optional<ItemRecord> find(Connection c, String system, String externalId) throws SQLException {
        return Sql.one(c, "SELECT " + ITEM_COLUMNS + " FROM CONNECTOR_ITEM WHERE SYSTEM=? AND EXTERNAL_ID=?",
                ConnectorStore::item, system, externalId);
    }

    /** The records of these items that exist, by external id. */
    Map<String, ItemRecord> find(Connection c, String system, List<String> externalIds) throws SQLException {
        Map<String, ItemRecord> found = new HashMap<>();
        for (int from = 0; from < externalIds.size(); from += IN_LIST) {
            List<String> chunk = externalIds.subList(from, Math.min(externalIds.size(), from + IN_LIST));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            Sql.each(c, "SELECT " + ITEM_COLUMNS + " FROM CONNECTOR_ITEM WHERE SYSTEM=? AND EXTERNAL_ID IN (" + marks + ")",
                    p -> {
                        p.text(system);
                        for (String id : chunk) {
                            p.text(id);
                        }
                    }, row -> {
                        ItemRecord item = item(row);
                        found.put(item.externalId(), item);
                    });
        }
        return found;
    }

    /** Stores the record, replacing the one with the same (system, external id). */
    void save(Connection c, ItemRecord item) throws SQLException {
        int updated = Sql.update(c, "UPDATE CONNECTOR_ITEM SET NUMBER=?, TITLE=?, STATUS=?, PROMISE_ID=?, ITEM_STATE=?, "
                + "TARGET_DATE=?, ON_HOLD=?, CHANGED_AT=?, APPLIED_AT=?, NOTE=?, LINK=?, INTENT=? "
                + "WHERE SYSTEM=? AND EXTERNAL_ID=?", p -> bind(p, item).text(item.system()).text(item.externalId()));
        if (updated == 0) {
            Sql.update(c, "INSERT INTO CONNECTOR_ITEM (NUMBER, TITLE, STATUS, PROMISE_ID, ITEM_STATE, TARGET_DATE, "
                    + "ON_HOLD, CHANGED_AT, APPLIED_AT, NOTE, LINK, INTENT, SYSTEM, EXTERNAL_ID) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", p -> bind(p, item).text(item.system()).text(item.externalId()));
        }
    }

    List<ItemRecord> list(Connection c, String system, TrackedItem.Status status, int limit) throws SQLException {
        String sql = "SELECT " + ITEM_COLUMNS + " FROM CONNECTOR_ITEM WHERE SYSTEM=?"
                + (status == null ? "" : " AND STATUS=?") + " ORDER BY CHANGED_AT DESC, EXTERNAL_ID DESC"
                + " OFFSET 0 ROWS FETCH NEXT " + limit + " ROWS ONLY";
        return Sql.list(c, sql, p -> {
            p.text(system);
            if (status != null) {
                p.name(status);
            }
        }, ConnectorStore::item);
    }

    long count(Connection c, String system, TrackedItem.Status status) throws SQLException {
        return Sql.one(c, "SELECT COUNT(*) FROM CONNECTOR_ITEM WHERE SYSTEM=? AND STATUS=?", r -> r.getLong(1),
                system, status).orElse(0L);
    }

    private static Params bind(Params p, ItemRecord item) throws SQLException {
        return p.text(item.number()).text(item.title()).name(item.status()).text(item.promiseId()).text(item.itemState())
                .instant(item.targetDate()).value(item.onHold()).instant(item.changedAt()).instant(item.appliedAt())
                .text(item.note()).text(item.link()).text(item.intent());
    }

    private static ItemRecord item(ResultSet r) throws SQLException {
        return new ItemRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                TrackedItem.Status.valueOf(r.getString(5)), r.getString(6), r.getString(7), Columns.instant(r, 8),
                r.getBoolean(9), Columns.instant(r, 10), Columns.instant(r, 11), r.getString(12), r.getString(13),
                r.getString(14));
    }
}
