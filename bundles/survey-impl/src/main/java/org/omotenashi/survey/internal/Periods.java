package org.omotenashi.survey.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

import org.omotenashi.survey.api.ScoreGroup;

/**
 * The day, week and month an instant falls in, as the integers stored beside it, and their labels.
 * Weeks are ISO weeks (Monday first), named like {@code 2026-W18}.
 */
final class Periods {
    private Periods() {
    }

    /** The three period keys of an instant: epoch day, epoch day of its week's Monday, yyyymm. */
    record Keys(int day, int week, int month) {
    }

    static Keys of(Instant instant, ZoneId zone) {
        LocalDate date = instant.atZone(zone).toLocalDate();
        LocalDate monday = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new Keys((int) date.toEpochDay(), (int) monday.toEpochDay(), date.getYear() * 100 + date.getMonthValue());
    }

    /** The label of a stored period key. */
    static String label(ScoreGroup group, int key) {
        return switch (group) {
            case DAY -> LocalDate.ofEpochDay(key).toString();
            case WEEK -> {
                LocalDate monday = LocalDate.ofEpochDay(key);
                yield String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            }
            case MONTH -> String.format("%04d-%02d", key / 100, key % 100);
            default -> throw new IllegalArgumentException(group + " is not a period");
        };
    }
}
