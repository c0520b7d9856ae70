package org.omotenashi.connector.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

import org.omotenashi.connector.spi.StatusNote;
import org.omotenashi.core.events.DomainEvent;
import org.omotenashi.promises.api.PromiseTopics;

/**
 * Which promise changes go back to the facility system, and what the note says: pure functions of the event.
 * Kept, kept late, broken and renegotiated promises whose origin is the instance get a note; nothing else does.
 */
final class WriteBackNotes {
    /** The promise topics that are written back. */
    static final Set<String> TOPICS = Set.of(PromiseTopics.KEPT, PromiseTopics.KEPT_LATE, PromiseTopics.BROKEN,
            PromiseTopics.RENEGOTIATED);
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private WriteBackNotes() {
    }

    static boolean wanted(String topic) {
        return TOPICS.contains(topic);
    }

    /** The note for {@code instance}'s item, when the event is one of its promises' changes to write back. */
    static Optional<StatusNote> note(DomainEvent event, String instance) {
        if (!wanted(event.topic()) || !instance.equals(event.text(PromiseTopics.ORIGIN_TYPE))
                || event.text(PromiseTopics.ORIGIN_REF) == null || event.text(PromiseTopics.PROMISE_ID) == null) {
            return Optional.empty();
        }
        String change = event.topic().substring(PromiseTopics.PREFIX.length());
        String due = due(event.text(PromiseTopics.DUE_AT));
        String by = event.text(PromiseTopics.BY);
        String reason = event.text(PromiseTopics.REASON);
        String text = switch (change) {
            case "KEPT" -> "Omotenashi: the promise was kept on time (due " + due + ").";
            case "KEPT_LATE" -> "Omotenashi: the promise was kept late; it was due " + due + ".";
            case "BROKEN" -> "Omotenashi: the promise is broken: it was due " + due + " and is not done yet.";
            default -> "Omotenashi: the promise was renegotiated; it is now due " + due
                    + (reason == null ? "" : " (" + ItemRules.cut(reason, 300) + ")") + ".";
        };
        if (by != null && !by.equals(instance) && !change.equals("BROKEN")) {
            text = text.substring(0, text.length() - 1) + ", by " + ItemRules.cut(by, 100) + ".";
        }
        String promiseId = event.text(PromiseTopics.PROMISE_ID);
        return Optional.of(new StatusNote(event.id(), event.text(PromiseTopics.ORIGIN_REF), promiseId, change,
                text + " Promise " + promiseId + " " + StatusNote.markerOf(event.id()), event.at(), false));
    }

    private static String due(String iso) {
        if (iso == null) {
            return "an unknown date";
        }
        try {
            return DAY_AND_TIME.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }
}
