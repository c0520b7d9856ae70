package org.omotenashi.core.soap;

import java.time.Instant;
import java.time.LocalDate;

import org.omotenashi.core.json.Timestamps;
import org.omotenashi.core.problem.ProblemException;

/**
 * Reading an operation's plain parameters and writing timestamps, the same for every module's SOAP service.
 * Timestamps go out as xs:dateTime in UTC and dates as xs:date, exactly as REST writes them; they come in as
 * text and are read with the REST rules (an offset, the years 1970 to 9999), so a refusal names the field.
 */
public final class SoapValues {
    private SoapValues() {
    }

    /** A parameter that must be given: its text without surrounding blanks, or a 400 naming it. */
    public static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "is required");
        }
        return value.strip();
    }

    /** An optional text parameter: null when absent or blank, else stripped. */
    public static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** An instant as xs:dateTime text ({@code 2026-12-04T16:00:00Z}); null stays null. */
    public static String dateTime(Instant instant) {
        return Timestamps.text(instant);
    }

    /** A date as xs:date text ({@code 2026-12-01}); null stays null. */
    public static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
