package org.omotenashi.connector.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.Test;
import org.omotenashi.connector.spi.StatusNote;
import org.omotenashi.core.events.DomainEvent;
import org.omotenashi.promises.api.PromiseTopics;

public class WriteBackNotesTest {
    private static final Instant AT = Instant.parse("2026-11-05T10:00:00Z");

    @Test
    public void aPromiseKeptLateIsNotedOnItsItemWithTheEventAsTheNotesId() {
        StatusNote note = WriteBackNotes.note(event(PromiseTopics.KEPT_LATE, "topdesk", null, null), "topdesk").orElseThrow();
        assertEquals("evt-1", note.noteId());
        assertEquals("inc-1", note.externalId());
        assertEquals("p-1", note.promiseId());
        assertEquals("KEPT_LATE", note.change());
        assertEquals("Omotenashi: the promise was kept late; it was due 2026-11-04 16:00 UTC. Promise p-1 [omotenashi:evt-1]",
                note.text());
        assertEquals(AT, note.at());
    }

    @Test
    public void aRenegotiationSaysTheNewDateWhyAndWho() {
        StatusNote note = WriteBackNotes.note(event(PromiseTopics.RENEGOTIATED, "topdesk", "anna", "customer asked for Friday"),
                "topdesk").orElseThrow();
        assertEquals("Omotenashi: the promise was renegotiated; it is now due 2026-11-04 16:00 UTC (customer asked for Friday), "
                + "by anna. Promise p-1 [omotenashi:evt-1]", note.text());
        assertTrue(WriteBackNotes.note(event(PromiseTopics.BROKEN, "topdesk", null, null), "topdesk").orElseThrow().text()
                .startsWith("Omotenashi: the promise is broken"));
    }

    @Test
    public void otherInstancesOtherTopicsAndPromisesWithoutOriginGetNoNote() {
        assertTrue(WriteBackNotes.note(event(PromiseTopics.KEPT, "maximo", null, null), "topdesk").isEmpty());
        assertTrue(WriteBackNotes.note(event(PromiseTopics.CANCELLED, "topdesk", null, null), "topdesk").isEmpty());
        assertTrue(WriteBackNotes.note(event(PromiseTopics.CREATED, "topdesk", null, null), "topdesk").isEmpty());
        assertTrue(WriteBackNotes.note(event(PromiseTopics.KEPT, null, null, null), "topdesk").isEmpty());
    }

    private static DomainEvent event(String topic, String originType, String by, String reason) {
        Map<String, Object> p = new HashMap<>();
        p.put(PromiseTopics.PROMISE_ID, "p-1");
        p.put(PromiseTopics.DUE_AT, "2026-11-04T16:00:00Z");
        p.put(PromiseTopics.STATUS, "KEPT_LATE");
        if (originType != null) {
            p.put(PromiseTopics.ORIGIN_TYPE, originType);
            p.put(PromiseTopics.ORIGIN_REF, "inc-1");
        }
        if (by != null) {
            p.put(PromiseTopics.BY, by);
        }
        if (reason != null) {
            p.put(PromiseTopics.REASON, reason);
        }
        return new DomainEvent("evt-1", 7, topic, "promise", "c-1", AT, p);
    }
}
