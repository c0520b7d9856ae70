package org.omotenashi.core.internal.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.omotenashi.core.events.ConsumerState;
import org.omotenashi.core.events.DomainEvent;
import org.omotenashi.core.events.EventFilter;

/** SQL of the event log, one statement per method, on a connection whose transaction the caller owns. */
final class EventStore {
    private static final String LOG_COLUMNS = "POSITION, ID, TOPIC, SOURCE, CUSTOMER_ID, OCCURRED_AT, PROPERTIES";

    /** An event written but not yet given its position. */
    record Pending(long seq, String id, String topic, String source, String customerId, long occurredAt, String properties) {
    }

    void insertPending(Connection c, String id, String topic, String source, String customerId, Instant at,
                       String properties) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO EVENT_OUTBOX (ID, TOPIC, SOURCE, CUSTOMER_ID, "
                + "OCCURRED_AT, PROPERTIES) VALUES (?,?,?,?,?,?)")) {
            s.setString(1, id);
            s.setString(2, topic);
            s.setString(3, source);
            s.setString(4, customerId);
            s.setLong(5, at.toEpochMilli());
            s.setString(6, properties);
            s.executeUpdate();
        }
    }

    /**
     * Takes the head row for this transaction (relays of other nodes wait here) and returns the last position
     * given. Everything the caller then reads of the outbox was committed before it held the row.
     */
    long lockHead(Connection c, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE EVENT_HEAD SET UPDATED_AT=? WHERE ID=1")) {
            s.setLong(1, now.toEpochMilli());
            s.executeUpdate();
        }
        return head(c);
    }

    long head(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT POSITION FROM EVENT_HEAD WHERE ID=1");
             ResultSet r = s.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    void setHead(Connection c, long position) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE EVENT_HEAD SET POSITION=? WHERE ID=1")) {
            s.setLong(1, position);
            s.executeUpdate();
        }
    }

    /** The oldest committed events without a position, in the order they were written. */
    List<Pending> pending(Connection c, int max) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT SEQ, ID, TOPIC, SOURCE, CUSTOMER_ID, OCCURRED_AT, PROPERTIES "
                + "FROM EVENT_OUTBOX ORDER BY SEQ FETCH FIRST " + max + " ROWS ONLY");
             ResultSet r = s.executeQuery()) {
            List<Pending> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(new Pending(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getLong(6), r.getString(7)));
            }
            return rows;
        }
    }

    long countPending(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM EVENT_OUTBOX"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Gives the pending events the positions after {@code head}, in order, and takes them out of the outbox. */
    void log(Connection c, List<Pending> events, long head, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO EVENT_LOG (POSITION, ID, TOPIC, SOURCE, CUSTOMER_ID, "
                + "OCCURRED_AT, LOGGED_AT, PROPERTIES) VALUES (?,?,?,?,?,?,?,?)");
             PreparedStatement delete = c.prepareStatement("DELETE FROM EVENT_OUTBOX WHERE SEQ=?")) {
            long position = head;
            for (Pending e : events) {
                insert.setLong(1, ++position);
                insert.setString(2, e.id());
                insert.setString(3, e.topic());
                insert.setString(4, e.source());
                insert.setString(5, e.customerId());
                insert.setLong(6, e.occurredAt());
                insert.setLong(7, now.toEpochMilli());
                insert.setString(8, e.properties());
                insert.addBatch();
                delete.setLong(1, e.seq());
                delete.addBatch();
            }
            insert.executeBatch();
            for (int count : delete.executeBatch()) {
                if (count == 0) {
                    // Another relay took it first; nothing of this run may stand.
                    throw new SQLException("an outbox event was relayed by someone else meanwhile", "40001");
                }
            }
        }
    }

    /** Events after {@code position}, oldest first. */
    List<DomainEvent> after(Connection c, long position, int max) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + LOG_COLUMNS + " FROM EVENT_LOG WHERE POSITION>? "
                + "ORDER BY POSITION FETCH FIRST " + max + " ROWS ONLY")) {
            s.setLong(1, position);
            return events(s);
        }
    }

    List<DomainEvent> list(Connection c, EventFilter f) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + LOG_COLUMNS + " FROM EVENT_LOG WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (f.topic() != null) {
            if (f.topic().endsWith("*")) {
                sql.append(" AND TOPIC LIKE ? ESCAPE '!'");
                args.add(f.topic().substring(0, f.topic().length() - 1).replace("!", "!!").replace("%", "!%")
                        .replace("_", "!_") + "%");
            } else {
                sql.append(" AND TOPIC=?");
                args.add(f.topic());
            }
        }
        if (f.customerId() != null) {
            sql.append(" AND CUSTOMER_ID=?");
            args.add(f.customerId());
        }
        if (f.beforePosition() != null) {
            sql.append(" AND POSITION<?");
            args.add(f.beforePosition());
        }
        sql.append(" ORDER BY POSITION DESC FETCH FIRST ").append(f.limit()).append(" ROWS ONLY");
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            return events(s);
        }
    }

    private static List<DomainEvent> events(PreparedStatement s) throws SQLException {
        List<DomainEvent> events = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                events.add(new DomainEvent(r.getString(2), r.getLong(1), r.getString(3), r.getString(4), r.getString(5),
                        Instant.ofEpochMilli(r.getLong(6)), EventProperties.read(r.getString(7))));
            }
        }
        return events;
    }

    /** The consumer's position, or empty for a consumer never seen. */
    Optional<Long> position(Connection c, String consumer) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT POSITION FROM EVENT_CONSUMER WHERE NAME=?")) {
            s.setString(1, consumer);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    void insertConsumer(Connection c, String consumer, long position, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO EVENT_CONSUMER (NAME, POSITION, HANDLED, SET_ASIDE, "
                + "CREATED_AT, UPDATED_AT) VALUES (?,?,0,0,?,?)")) {
            s.setString(1, consumer);
            s.setLong(2, position);
            s.setLong(3, now.toEpochMilli());
            s.setLong(4, now.toEpochMilli());
            s.executeUpdate();
        }
    }

    /**
     * Moves the consumer from {@code expected} to {@code position} if nobody moved it meanwhile; the row stays
     * locked until the transaction ends, so another node's attempt waits and then finds it moved.
     */
    boolean advance(Connection c, String consumer, long expected, long position, int handled, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE EVENT_CONSUMER SET POSITION=?, HANDLED=HANDLED+?, "
                + "UPDATED_AT=? WHERE NAME=? AND POSITION=?")) {
            s.setLong(1, position);
            s.setInt(2, handled);
            s.setLong(3, now.toEpochMilli());
            s.setString(4, consumer);
            s.setLong(5, expected);
            return s.executeUpdate() == 1;
        }
    }

    void recordError(Connection c, String consumer, String error) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE EVENT_CONSUMER SET LAST_ERROR=? WHERE NAME=?")) {
            s.setString(1, error == null ? null : error.substring(0, Math.min(2000, error.length())));
            s.setString(2, consumer);
            s.executeUpdate();
        }
    }

    void setAside(Connection c, String consumer, DomainEvent e, int attempts, String error, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO EVENT_SET_ASIDE (CONSUMER, EVENT_ID, POSITION, TOPIC, "
                + "ATTEMPTS, ERROR, SET_ASIDE_AT) VALUES (?,?,?,?,?,?,?)")) {
            s.setString(1, consumer);
            s.setString(2, e.id());
            s.setLong(3, e.position());
            s.setString(4, e.topic());
            s.setInt(5, attempts);
            s.setString(6, error == null ? null : error.substring(0, Math.min(2000, error.length())));
            s.setLong(7, now.toEpochMilli());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE EVENT_CONSUMER SET SET_ASIDE=SET_ASIDE+1 WHERE NAME=?")) {
            s.setString(1, consumer);
            s.executeUpdate();
        }
    }

    List<ConsumerState> consumers(Connection c, long head, java.util.Set<String> active) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT NAME, POSITION, UPDATED_AT, HANDLED, SET_ASIDE, LAST_ERROR "
                + "FROM EVENT_CONSUMER ORDER BY NAME"); ResultSet r = s.executeQuery()) {
            List<ConsumerState> states = new ArrayList<>();
            while (r.next()) {
                states.add(new ConsumerState(r.getString(1), r.getLong(2), head, active.contains(r.getString(1)),
                        Instant.ofEpochMilli(r.getLong(3)), r.getLong(4), r.getLong(5), r.getString(6)));
            }
            return states;
        }
    }

    /** The newest position logged before {@code cutoff}, or 0. */
    long lastLoggedBefore(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT MAX(POSITION) FROM EVENT_LOG WHERE LOGGED_AT<?")) {
            s.setLong(1, cutoff.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    long firstPosition(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT MIN(POSITION) FROM EVENT_LOG"); ResultSet r = s.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    int purge(Connection c, long from, long upTo) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM EVENT_LOG WHERE POSITION>=? AND POSITION<=?")) {
            s.setLong(1, from);
            s.setLong(2, upTo);
            return s.executeUpdate();
        }
    }
}
