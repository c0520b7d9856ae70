package org.omotenashi.core.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import org.omotenashi.core.problem.ProblemException;

/**
 * An opaque cursor for keyset paging: the sort key of the last item seen, so pages stay stable
 * while rows are added. Every cursor is signed (HMAC-SHA256, key outside the database) for the list that
 * handed it out: a cursor that was changed, cut short, made up or taken from another list is a 400
 * naming {@code cursor}, never another page.
 */
public final class PageCursor {
    private static final char SEPARATOR = '\u001f';

    private static final char SIGNATURE_SEPARATOR = '.';
    private static final String NO_LIST = "";

    private PageCursor() {
    }

    /** A signed cursor holding {@code parts}, for a list that does not name itself. */
    public static String encode(String... parts) {
        return encodeFor(NO_LIST, parts);
    }

    /** The parts of a cursor, or null when there is none; exactly {@code expected} parts or a 400. */
    public static List<String> decode(String cursor, int expected) {
        return decodeFor(NO_LIST, cursor, expected);
    }

    /** A signed cursor holding {@code parts}, valid only for {@link #decodeFor} with the same {@code list}. */
    public static String encodeFor(String list, String... parts) {
        return encode(CursorSignature.suite(), list, parts);
    }

    /**
     * The parts of a cursor {@link #encodeFor} handed out for {@code list}, or null when there is none;
     * a cursor that does not verify, or has other than {@code expected} parts, is a 400 naming {@code cursor}.
     */
    public static List<String> decodeFor(String list, String cursor, int expected) {
        return decode(CursorSignature.suite(), list, cursor, expected);
    }

    static String encode(CursorSignature signature, String list, String... parts) {
        return signed(signature, list, String.join(String.valueOf(SEPARATOR), parts).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Only the exact text {@link #encode} would write for the same parts passes: base64 leaves a few bits unused,
     * and a cursor differing there is refused as well, not read as the same one.
     */
    static List<String> decode(CursorSignature signature, String list, String cursor, int expected) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        int dot = cursor.indexOf(SIGNATURE_SEPARATOR);
        if (dot > 0) {
            try {
                byte[] text = Base64.getUrlDecoder().decode(cursor.substring(0, dot));
                if (MessageDigest.isEqual(signed(signature, list, text).getBytes(StandardCharsets.US_ASCII),
                        cursor.getBytes(StandardCharsets.US_ASCII))) {
                    List<String> parts = List.of(new String(text, StandardCharsets.UTF_8).split(String.valueOf(SEPARATOR), -1));
                    if (parts.size() == expected) {
                        return parts;
                    }
                }
            } catch (IllegalArgumentException e) {
                // falls through to the same answer as a cursor that does not verify
            }
        }
        throw ProblemException.invalid("cursor", "is not a cursor this API handed out");
    }

    private static String signed(CursorSignature signature, String list, byte[] text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text) + SIGNATURE_SEPARATOR
                + signature.sign(list, text);
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
