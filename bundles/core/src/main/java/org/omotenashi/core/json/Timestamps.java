package org.omotenashi.core.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The timestamps and dates the suite accepts, the same in JSON bodies, query parameters and SOAP: ISO-8601
 * with an offset ({@code 2026-05-01T17:00:00+02:00}, {@code …Z}), in the years 1970 to 9999. Anything
 * further out is no real deadline, cannot be stored to the millisecond, and could not be written back in a
 * form that xs:dateTime and OpenAPI's date-time accept; it is the caller's mistake, refused naming the field.
 */
public final class Timestamps {
    /** The first instant accepted. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** The first instant no longer accepted. */
    public static final Instant AFTER_LATEST = Instant.parse("9999-12-31T23:59:59.999Z").plusMillis(1);
    static final String EXAMPLE = "e.g. 2026-05-01T17:00:00+02:00";

    private Timestamps() {
    }

    /** What is wrong with {@code text} as a timestamp, or null when it is one the suite accepts. */
    public static String problem(String text) {
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            return hasNoOffset(text) ? "must carry an offset (Z or +01:00), " + EXAMPLE
                    : "must be an ISO-8601 timestamp with offset, " + EXAMPLE;
        }
        Instant instant = parsed.toInstant();
        if (instant.isBefore(EARLIEST) || !instant.isBefore(AFTER_LATEST)) {
            return "must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z";
        }
        return null;
    }

    /** The instant of a timestamp that {@link #problem(String)} found nothing wrong with. */
    public static Instant parse(String text) {
        return OffsetDateTime.parse(text.strip()).toInstant();
    }

    /** What is wrong with {@code text} as a date, or null when it is one the suite accepts. */
    public static String dateProblem(String text) {
        LocalDate date;
        try {
            date = LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return "must be an ISO-8601 date, e.g. 2026-06-01";
        }
        if (date.getYear() < 1970 || date.getYear() > 9999) {
            return "must be between 1970-01-01 and 9999-12-31";
        }
        return null;
    }

    /** How the suite writes a timestamp: UTC, ISO-8601, as xs:dateTime and OpenAPI's date-time read it. */
    public static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static boolean hasNoOffset(String text) {
        try {
            java.time.LocalDateTime.parse(text.strip());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
