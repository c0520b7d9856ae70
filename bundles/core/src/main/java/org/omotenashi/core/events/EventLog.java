package org.omotenashi.core.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The durable event log every module writes its events to and reacts to other modules' events from.
 * Positions, consumer positions and set-aside events live in the database, so several nodes on one database
 * share them; nothing depends on one JVM.
 */
@ProviderType
public interface EventLog {
    /**
     * Appends an event in the caller's transaction (a transactional outbox): it exists exactly when the change
     * it reports commits. After the commit it gets its position, is posted to EventAdmin (as a
     * {@link LoggedEvent}) and offered to the consumers. Property values: String, Boolean, Integer, Long,
     * Double, String[] or a Map of Strings; {@code customerId} also files the event under that customer.
     *
     * @return the event's id
     */
    String append(Connection transaction, String topic, Map<String, ?> properties) throws SQLException;

    /**
     * Starts a consumer: a reader of the log with a position of its own in the database, reacting to the
     * events whose topic {@code wants} accepts and passing over the others. A consumer seen for the first time
     * starts at the head of the log (events from now on) unless the configuration says otherwise; one seen
     * before goes on from its position, so it catches up on what it missed while stopped, updated or dead.
     */
    EventSubscription subscribe(String consumer, Predicate<String> wants, EventReaction reaction);

    /**
     * As {@link #subscribe(String, Predicate, EventReaction)}, for a reaction that writes only on its transaction
     * (no mail sent, no other system called): up to {@code perTransaction} events are reacted to in one
     * transaction with the move of the position past the last of them, so the consumer keeps up with a busy log.
     * When one of them fails, all of them roll back and are offered again one event per transaction, with the
     * usual retries; each is still handled exactly once.
     */
    EventSubscription subscribe(String consumer, Predicate<String> wants, EventReaction reaction, int perTransaction);

    /** Events newest first, as the filter asks. */
    List<DomainEvent> list(EventFilter filter);

    /** Every consumer the database knows, with its position against the head. */
    List<ConsumerState> consumers();

    /**
     * Forgets a consumer that will not read again, such as a connector instance whose configuration was deleted:
     * its set-aside events are deleted, and it is no longer among {@link #consumers()}. A consumer reading in this
     * JVM is not forgotten. One reading on another node (which shares the database) goes on there from its position
     * and is among the consumers again; one that subscribes later under the same name starts as a new consumer.
     *
     * @return whether the consumer was known and is forgotten now
     */
    boolean forget(String consumer);

    /** The position of the newest event in the log; 0 when it was never written to. */
    long head();
}
