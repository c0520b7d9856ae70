package org.omotenashi.core.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.omotenashi.core.model.Period;
import org.omotenashi.core.json.Timestamps;
import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;

/** Reads query parameters, collecting every invalid one into a single 400, like {@code JsonInput}. */
public final class QueryParams {
    private final List<FieldError> errors = new ArrayList<>();

    public Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String problem = Timestamps.problem(value);
        if (problem != null) {
            errors.add(new FieldError(name, problem));
            return null;
        }
        return Timestamps.parse(value);
    }

    public <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(name, "must be one of " + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    public Integer integer(String name, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, the same as a number out of range
        }
        errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max));
        return null;
    }

    public String text(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            errors.add(new FieldError(name, "must be at most " + maxLength + " characters"));
            return null;
        }
        return value.strip();
    }

    /**
     * Reads a {@code from}/{@code to} pair: {@code to} defaults to now, {@code from} to {@code lookBack}
     * before it, and {@code from} must come first.
     */
    public Period period(String from, String to, Instant now, java.time.Duration lookBack) {
        Instant end = instant("to", to);
        Instant start = instant("from", from);
        Instant until = end == null ? now : end;
        Instant since = start == null ? until.minus(lookBack) : start;
        if (!since.isBefore(until)) {
            errors.add(new FieldError("from", "must be before to"));
        }
        return new Period(since, until);
    }

    public void error(String name, String message) {
        errors.add(new FieldError(name, message));
    }

    /** Throws one 400 naming every invalid parameter, if any. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
