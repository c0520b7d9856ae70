package org.omotenashi.connector.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.omotenashi.connector.api.WriteBack;
import org.omotenashi.connector.api.WriteBackPage;
import org.omotenashi.connector.spi.StatusNote;
import org.omotenashi.core.outbox.Outbox;
import org.omotenashi.core.outbox.OutboxChannel;
import org.omotenashi.core.outbox.OutboxDelivery;
import org.omotenashi.core.outbox.OutboxMessage;
import org.omotenashi.core.outbox.OutboxStatus;
import org.omotenashi.core.outbox.RetryPolicy;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.query.PageCursor;

/**
 * One instance's write-back notes on the suite's durable outbox (owner {@code connector:<instance>}): a note is
 * enqueued in the transaction that moves the instance's event consumer past the promise's event, so it is sent
 * exactly when that commits, and is retried with back-off until the system takes it. The note travels as JSON
 * in the delivery's payload; its target is the item, its reference the note's id (the event's), by which a
 * note is queued at most once.
 */
final class WriteBackOutbox implements AutoCloseable {
    /** The outbox channel the notes go through. */
    static final String CHANNEL = "NOTE";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Outbox outbox;
    /** The list its cursors are signed for: one instance's cursor is no good on another's log. */
    private final String cursorList;

    WriteBackOutbox(DataSource dataSource, Clock clock, String instance) {
        this.outbox = new Outbox(dataSource, clock, owner(instance));
        this.cursorList = "write-backs:" + owner(instance);
    }

    /** Outbox rows of connector instances never share an owner with another module's (escalation…). */
    static String owner(String instance) {
        return "connector:" + instance;
    }

    /** Queues the note in the caller's transaction. */
    void enqueue(Connection c, StatusNote note) throws SQLException {
        outbox.enqueue(c, new OutboxMessage(CHANNEL, note.noteId(), note.externalId(), payload(note), null, null));
    }

    /** Whether a note with this id was queued before, seen in the caller's transaction. */
    boolean holds(Connection c, String noteId) throws SQLException {
        return outbox.holds(c, noteId);
    }

    /** Sends through {@code channel} with {@code policy}; a second call replaces both (the configuration changed). */
    void deliverWith(OutboxChannel channel, RetryPolicy policy) {
        outbox.deliverWith(Map.of(CHANNEL, channel), policy);
    }

    /** Sends what is due now and then every {@code interval}, on the outbox's own thread. */
    void deliverEvery(Duration interval) {
        outbox.deliverEvery(interval);
    }

    /** Sends what is due now and waits; how many notes it attempted. */
    int deliverNow() {
        return outbox.deliverNow();
    }

    /** The write-back log, newest first. */
    List<WriteBack> log(WriteBack.Status status, int limit) {
        return log(status, null, limit).items();
    }

    /**
     * A page of the write-back log, newest first, after the page whose {@code next} is {@code cursor} (null: the
     * first). The cursor holds the last note's place in the outbox, so notes queued meanwhile never shift a page.
     */
    WriteBackPage log(WriteBack.Status status, String cursor, int limit) {
        OutboxStatus wanted = status == null ? null : OutboxStatus.valueOf(status.name());
        List<String> after = PageCursor.decodeFor(cursorList, cursor, 2);
        Instant afterCreatedAt = null;
        if (after != null) {
            try {
                afterCreatedAt = Instant.ofEpochMilli(Long.parseLong(after.get(0)));
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this API handed out");
            }
        }
        List<OutboxDelivery> page = outbox.deliveries(wanted, null, afterCreatedAt, after == null ? null : after.get(1), limit);
        OutboxDelivery last = page.isEmpty() ? null : page.get(page.size() - 1);
        String next = page.size() < limit ? null
                : PageCursor.encodeFor(cursorList, Long.toString(last.createdAt().toEpochMilli()), last.id());
        return new WriteBackPage(page.stream().map(WriteBackOutbox::writeBack).toList(), next);
    }

    /** Notes waiting to be written back. */
    long backlog() {
        return outbox.count(OutboxStatus.PENDING);
    }

    /** Notes given up on. */
    long failed() {
        return outbox.count(OutboxStatus.FAILED);
    }

    @Override
    public void close() {
        outbox.close();
    }

    /** The note a delivery carries; marked as a retry once an attempt was made, as that one may have got through. */
    static StatusNote note(OutboxDelivery d) {
        JsonNode n = read(d.payload());
        return new StatusNote(d.reference(), d.target(), n.path("promiseId").asText(null), n.path("change").asText(),
                n.path("text").asText(), Instant.parse(n.path("at").asText()), d.attempts() > 0);
    }

    static String payload(StatusNote note) {
        ObjectNode n = JSON.createObjectNode();
        n.put("promiseId", note.promiseId());
        n.put("change", note.change());
        n.put("text", note.text());
        n.put("at", note.at().toString());
        return n.toString();
    }

    private static WriteBack writeBack(OutboxDelivery d) {
        JsonNode n = read(d.payload());
        return new WriteBack(d.reference(), d.target(), n.path("promiseId").asText(null), n.path("change").asText(null),
                WriteBack.Status.valueOf(d.status().name()), d.attempts(), d.createdAt(),
                d.status() == OutboxStatus.PENDING ? d.nextAttemptAt() : null, d.deliveredAt(), d.lastError());
    }

    private static JsonNode read(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a write-back note that is not JSON: " + e.getMessage(), e);
        }
    }
}
