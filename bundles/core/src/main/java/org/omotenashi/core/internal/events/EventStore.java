package org.omotenashi.core.internal.events;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.omotenashi.core.db.OrderedIds;
import org.omotenashi.core.db.Sql;
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
        Sql.update(c, "INSERT INTO EVENT_OUTBOX (ID, TOPIC, SOURCE, CUSTOMER_ID, OCCURRED_AT, PROPERTIES, SEQ) "
                + "VALUES (?,?,?,?,?,?,?)", p -> p.text(id).text(topic).text(source).text(customerId).instant(at)
                .text(properties).number(OrderedIds.next()));
    }

    /**
     * Takes the head row for this transaction (relays of other nodes wait here) and returns the last position
     * given. Everything the caller then reads of the outbox was committed before it held the row.
     */
    long lockHead(Connection c, Instant now) throws SQLException {
        Sql.update(c, "UPDATE EVENT_HEAD SET UPDATED_AT=? WHERE ID=1", now);
        return head(c);
    }

    long head(Connection c) throws SQLException {
        return Sql.one(c, "SELECT POSITION FROM EVENT_HEAD WHERE ID=1", r -> r.getLong(1)).orElse(0L);
    }

    void setHead(Connection c, long position) throws SQLException {
        Sql.update(c, "UPDATE EVENT_HEAD SET POSITION=? WHERE ID=1", position);
    }

    /** The oldest committed events without a position, in the order they were written. */
    List<Pending> pending(Connection c, int max) throws SQLException {
        return Sql.list(c, "SELECT SEQ, ID, TOPIC, SOURCE, CUSTOMER_ID, OCCURRED_AT, PROPERTIES FROM EVENT_OUTBOX "
                + "ORDER BY SEQ, ID FETCH FIRST " + max + " ROWS ONLY", r -> new Pending(r.getLong(1), r.getString(2),
                r.getString(3), r.getString(4), r.getString(5), r.getLong(6), r.getString(7)));
    }

    long countPending(Connection c) throws SQLException {
        return Sql.one(c, "SELECT COUNT(*) FROM EVENT_OUTBOX", r -> r.getLong(1)).orElseThrow();
    }

    /** Gives the pending events the positions after {@code head}, in order, and takes them out of the outbox. */
    void log(Connection c, List<Pending> events, long head, Instant now) throws SQLException {
        long[] position = {head};
        Sql.batch(c, "INSERT INTO EVENT_LOG (POSITION, ID, TOPIC, SOURCE, CUSTOMER_ID, OCCURRED_AT, LOGGED_AT, PROPERTIES) "
                + "VALUES (?,?,?,?,?,?,?,?)", events, (p, e) -> p.number(++position[0]).text(e.id()).text(e.topic())
                .text(e.source()).text(e.customerId()).number(e.occurredAt()).instant(now).text(e.properties()));
        for (int count : Sql.batch(c, "DELETE FROM EVENT_OUTBOX WHERE ID=?", events, (p, e) -> p.text(e.id()))) {
            if (count == 0) {
                // Another relay took it first; nothing of this run may stand.
                throw new SQLException("an outbox event was relayed by someone else meanwhile", "40001");
            }
        }
    }

    /** Events after {@code position}, oldest first. */
    List<DomainEvent> after(Connection c, long position, int max) throws SQLException {
        return Sql.list(c, "SELECT " + LOG_COLUMNS + " FROM EVENT_LOG WHERE POSITION>? ORDER BY POSITION FETCH FIRST "
                + max + " ROWS ONLY", EventStore::event, position);
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
        return Sql.list(c, sql.toString(), EventStore::event, args.toArray());
    }

    private static DomainEvent event(ResultSet r) throws SQLException {
        return new DomainEvent(r.getString(2), r.getLong(1), r.getString(3), r.getString(4), r.getString(5),
                Instant.ofEpochMilli(r.getLong(6)), EventProperties.read(r.getString(7)));
    }

    /** Where the consumer stands, or empty for a consumer never seen. */
    Optional<Standing> standing(Connection c, String consumer) throws SQLException {
        return Sql.one(c, "SELECT POSITION, FORGOTTEN_AT FROM EVENT_CONSUMER WHERE NAME=?",
                r -> new Standing(r.getLong(1), r.getObject(2) != null), consumer);
    }

    /** A consumer's position, and whether it was forgotten since (its row is kept, marked). */
    record Standing(long position, boolean forgotten) {
    }

    /** Takes a forgotten consumer back where it stands, for a node that still reads it. */
    void unforget(Connection c, String consumer, Instant now) throws SQLException {
        Sql.update(c, "UPDATE EVENT_CONSUMER SET FORGOTTEN_AT=NULL, UPDATED_AT=? WHERE NAME=?", now, consumer);
    }

    /** Starts a forgotten consumer anew at {@code position}; false if someone took it back first. */
    boolean restartForgotten(Connection c, String consumer, long position, Instant now) throws SQLException {
        Sql.update(c, "DELETE FROM EVENT_SET_ASIDE WHERE CONSUMER=?", consumer);
        return Sql.update(c, "UPDATE EVENT_CONSUMER SET POSITION=?, HANDLED=0, SET_ASIDE=0, LAST_ERROR=NULL, "
                + "CREATED_AT=?, UPDATED_AT=?, FORGOTTEN_AT=NULL WHERE NAME=? AND FORGOTTEN_AT IS NOT NULL",
                position, now, now, consumer) == 1;
    }

    void insertConsumer(Connection c, String consumer, long position, Instant now) throws SQLException {
        Sql.update(c, "INSERT INTO EVENT_CONSUMER (NAME, POSITION, HANDLED, SET_ASIDE, CREATED_AT, UPDATED_AT) "
                + "VALUES (?,?,0,0,?,?)", consumer, position, now, now);
    }

    /**
     * Moves the consumer from {@code expected} to {@code position} if nobody moved it meanwhile; the row stays
     * locked until the transaction ends, so another node's attempt waits and then finds it moved.
     */
    boolean advance(Connection c, String consumer, long expected, long position, int handled, Instant now)
            throws SQLException {
        // A move past an event means its reaction worked (or it was set aside, which records its error after this).
        return Sql.update(c, "UPDATE EVENT_CONSUMER SET POSITION=?, HANDLED=HANDLED+?, UPDATED_AT=?, LAST_ERROR=NULL "
                + "WHERE NAME=? AND POSITION=?", position, handled, now, consumer, expected) == 1;
    }

    void recordError(Connection c, String consumer, String error) throws SQLException {
        Sql.update(c, "UPDATE EVENT_CONSUMER SET LAST_ERROR=? WHERE NAME=?", p -> p.text(shortened(error)).text(consumer));
    }

    void setAside(Connection c, String consumer, DomainEvent e, int attempts, String error, Instant now) throws SQLException {
        Sql.update(c, "INSERT INTO EVENT_SET_ASIDE (CONSUMER, EVENT_ID, POSITION, TOPIC, ATTEMPTS, ERROR, SET_ASIDE_AT) "
                + "VALUES (?,?,?,?,?,?,?)", p -> p.text(consumer).text(e.id()).number(e.position()).text(e.topic())
                .integer(attempts).text(shortened(error)).instant(now));
        Sql.update(c, "UPDATE EVENT_CONSUMER SET SET_ASIDE=SET_ASIDE+1 WHERE NAME=?", consumer);
    }

    /**
     * Marks the consumer forgotten and deletes its set-aside events; whether it was known and not forgotten yet.
     * Its row stays, with its position, for a node that still reads it.
     */
    boolean forgetConsumer(Connection c, String consumer, Instant now) throws SQLException {
        Sql.update(c, "DELETE FROM EVENT_SET_ASIDE WHERE CONSUMER=?", consumer);
        return Sql.update(c, "UPDATE EVENT_CONSUMER SET FORGOTTEN_AT=? WHERE NAME=? AND FORGOTTEN_AT IS NULL",
                now, consumer) == 1;
    }

    private static String shortened(String error) {
        return error == null ? null : error.substring(0, Math.min(2000, error.length()));
    }

    List<ConsumerState> consumers(Connection c, long head, java.util.Set<String> active) throws SQLException {
        return Sql.list(c, "SELECT NAME, POSITION, UPDATED_AT, HANDLED, SET_ASIDE, LAST_ERROR FROM EVENT_CONSUMER "
                + "WHERE FORGOTTEN_AT IS NULL ORDER BY NAME", r -> new ConsumerState(r.getString(1), r.getLong(2), head, active.contains(r.getString(1)),
                Instant.ofEpochMilli(r.getLong(3)), r.getLong(4), r.getLong(5), r.getString(6)));
    }

    /** The newest position logged before {@code cutoff}, or 0. */
    long lastLoggedBefore(Connection c, Instant cutoff) throws SQLException {
        return Sql.one(c, "SELECT MAX(POSITION) FROM EVENT_LOG WHERE LOGGED_AT<?", r -> r.getLong(1), cutoff).orElse(0L);
    }

    long firstPosition(Connection c) throws SQLException {
        return Sql.one(c, "SELECT MIN(POSITION) FROM EVENT_LOG", r -> r.getLong(1)).orElse(0L);
    }

    int purge(Connection c, long from, long upTo) throws SQLException {
        return Sql.update(c, "DELETE FROM EVENT_LOG WHERE POSITION>=? AND POSITION<=?", from, upTo);
    }
}
