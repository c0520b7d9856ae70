package org.omotenashi.core.query;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.omotenashi.core.problem.ProblemException;

/**
 * An opaque cursor for keyset paging: the sort key of the last item seen, so pages stay stable
 * while rows are added. Callers must treat it as opaque; a tampered cursor is a 400.
 */
public final class PageCursor {
    private static final char SEPARATOR = '\u001f';

    private PageCursor() {
    }

    public static String encode(String... parts) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(String.valueOf(SEPARATOR), parts).getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a cursor, or null when there is none; exactly {@code expected} parts or a 400. */
    public static List<String> decode(String cursor, int expected) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> parts = List.of(text.split(String.valueOf(SEPARATOR), -1));
            if (parts.size() == expected) {
                return parts;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the same answer as a cursor with the wrong shape
        }
        throw ProblemException.invalid("cursor", "is not a cursor this API handed out");
    }

    /** Checks a requested page size: 1 to {@code max}, {@code fallback} when absent. */
    public static int limit(Integer requested, int fallback, int max) {
        if (requested == null) {
            return fallback;
        }
        if (requested < 1 || requested > max) {
            throw ProblemException.invalid("limit", "must be from 1 to " + max);
        }
        return requested;
    }
}
