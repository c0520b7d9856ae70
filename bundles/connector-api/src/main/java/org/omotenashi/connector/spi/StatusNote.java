package org.omotenashi.connector.spi;

import java.time.Instant;

/**
 * A short note for a facility system's item, saying what happened to the promise it is linked to.
 *
 * @param noteId     unique per change of the promise; the same on every attempt to deliver it
 * @param externalId the item the note is for
 * @param promiseId  the promise, so the system can record it (TOPdesk: in externalNumber when that is empty)
 * @param change     what happened: KEPT, KEPT_LATE, BROKEN or RENEGOTIATED
 * @param text       the note as people read it; ends with the marker
 * @param at         when the promise changed
 * @param retry      whether an earlier attempt may already have reached the system
 */
public record StatusNote(String noteId, String externalId, String promiseId, String change, String text, Instant at,
                         boolean retry) {
    /** Text that appears in the note and nowhere else, so a retry can tell whether the note is already there. */
    public String marker() {
        return markerOf(noteId);
    }

    /** The marker of the note with this id. */
    public static String markerOf(String noteId) {
        return "[omotenashi:" + noteId + "]";
    }
}
