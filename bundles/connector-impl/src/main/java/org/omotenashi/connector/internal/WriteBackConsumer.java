package org.omotenashi.connector.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

import org.omotenashi.connector.spi.StatusNote;
import org.omotenashi.core.events.DomainEvent;
import org.omotenashi.core.events.EventReaction;

/**
 * Reads the promise tracker's events from the durable log (one consumer per instance) and queues the note for
 * every change of one of the instance's promises that is written back. It runs in the transaction that moves the
 * consumer past the event, so each change is queued once, also after a stop, an update or a crash: the consumer
 * catches up from its position. An event offered again all the same (its consumer's position set back by hand)
 * finds its note queued already and queues nothing. While write-back is switched off the events are passed
 * over, not saved up.
 */
final class WriteBackConsumer implements EventReaction {
    /** Events reacted to in one transaction at most: the reaction only writes on it, so a busy log is kept up with. */
    static final int EVENTS_PER_TRANSACTION = 50;

    private final Supplier<InstanceSettings> settings;
    private final WriteBackOutbox outbox;

    WriteBackConsumer(Supplier<InstanceSettings> settings, WriteBackOutbox outbox) {
        this.settings = settings;
        this.outbox = outbox;
    }

    /** The consumer's name in the event log. */
    static String name(String instance) {
        return "connector." + instance + ".write-back";
    }

    /** Only these topics are read; the log passes over the others in bulk. */
    static boolean wants(String topic) {
        return WriteBackNotes.wanted(topic);
    }

    @Override
    public void react(Connection c, DomainEvent event) throws SQLException {
        InstanceSettings s = settings.get();
        if (!s.writeBack()) {
            return;
        }
        Optional<StatusNote> note = WriteBackNotes.note(event, s.name());
        if (note.isPresent() && !outbox.holds(c, note.get().noteId())) {
            outbox.enqueue(c, note.get());
        }
    }
}
