package org.omotenashi.core.calendar.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.omotenashi.core.calendar.BusinessCalendar;

/** A business calendar with one opening window per working day, closed on holidays. */
public final class WorkingHoursCalendar implements BusinessCalendar {

    // Even a desk open one weekday a year finds an opening within this many days;
    // running past it means every day is a holiday, which is a configuration error, not a long wait.
    private static final int MAX_DAYS_TO_NEXT_OPENING = 2 * 366;

    private final ZoneId zone;
    private final Set<DayOfWeek> workingDays;
    private final LocalTime opens;
    private final LocalTime closes;
    private final Predicate<LocalDate> holidays;

    public WorkingHoursCalendar(ZoneId zone, Set<DayOfWeek> workingDays, LocalTime opens, LocalTime closes,
                                Predicate<LocalDate> holidays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        if (workingDays.isEmpty()) {
            throw new IllegalArgumentException("at least one working day is required");
        }
        this.workingDays = EnumSet.copyOf(workingDays);
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("opening time " + opens + " must be before closing time " + closes);
        }
        this.opens = opens;
        this.closes = closes;
        this.holidays = Objects.requireNonNull(holidays, "holidays");
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public boolean isOpen(Instant t) {
        Window window = windowOn(localDate(t));
        return window != null && window.contains(t);
    }

    @Override
    public Instant nextOpening(Instant t) {
        Window window = windowAtOrAfter(t);
        return window.start().isAfter(t) ? window.start() : t;
    }

    @Override
    public Instant plusBusinessTime(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
        Instant t = start;
        Duration remaining = amount;
        while (!remaining.isZero()) {
            Window window = windowAtOrAfter(t);
            Instant from = window.start().isAfter(t) ? window.start() : t;
            Duration available = Duration.between(from, window.end());
            if (remaining.compareTo(available) <= 0) {
                return from.plus(remaining);
            }
            remaining = remaining.minus(available);
            t = window.end();
        }
        return t;
    }

    @Override
    public Duration businessTimeBetween(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        if (!to.isAfter(from)) {
            return total;
        }
        LocalDate last = localDate(to);
        for (LocalDate date = localDate(from); !date.isAfter(last); date = date.plusDays(1)) {
            Window window = windowOn(date);
            if (window != null) {
                Instant start = window.start().isAfter(from) ? window.start() : from;
                Instant end = window.end().isBefore(to) ? window.end() : to;
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    @Override
    public boolean isHoliday(LocalDate date) {
        return holidays.test(date);
    }

    /** The first opening window that ends after {@code t}: the one {@code t} is in, or the next one. */
    private Window windowAtOrAfter(Instant t) {
        LocalDate date = localDate(t);
        for (int day = 0; day <= MAX_DAYS_TO_NEXT_OPENING; day++, date = date.plusDays(1)) {
            Window window = windowOn(date);
            if (window != null && window.end().isAfter(t)) {
                return window;
            }
        }
        throw new IllegalStateException("no opening within " + MAX_DAYS_TO_NEXT_OPENING + " days after " + t);
    }

    /** The opening window on {@code date}, or null when the desk stays closed that day. */
    private Window windowOn(LocalDate date) {
        if (!workingDays.contains(date.getDayOfWeek()) || holidays.test(date)) {
            return null;
        }
        // Going through ZonedDateTime keeps a window at its wall-clock times on DST change days.
        return new Window(ZonedDateTime.of(date, opens, zone).toInstant(),
                ZonedDateTime.of(date, closes, zone).toInstant());
    }

    private LocalDate localDate(Instant t) {
        return LocalDate.ofInstant(t, zone);
    }

    private record Window(Instant start, Instant end) {
        boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }
}
