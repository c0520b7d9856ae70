package org.omotenashi.handover.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import org.omotenashi.core.calendar.BusinessCalendar;

/** A fixed calendar for tests: Monday to Friday 09:00-17:00 UTC, closed on the given holidays. */
final class OfficeHoursCalendar implements BusinessCalendar {
    private static final LocalTime OPENS = LocalTime.of(9, 0);
    private static final LocalTime CLOSES = LocalTime.of(17, 0);
    private final Set<LocalDate> holidays;

    OfficeHoursCalendar(LocalDate... holidays) {
        this.holidays = Set.of(holidays);
    }

    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }

    @Override
    public boolean isOpen(Instant t) {
        LocalDate day = LocalDate.ofInstant(t, ZoneOffset.UTC);
        LocalTime time = LocalTime.ofInstant(t, ZoneOffset.UTC);
        return isWorkingDay(day) && !time.isBefore(OPENS) && time.isBefore(CLOSES);
    }

    @Override
    public Instant nextOpening(Instant t) {
        throw new UnsupportedOperationException("not needed by the handover module");
    }

    @Override
    public Instant plusBusinessTime(Instant start, Duration amount) {
        throw new UnsupportedOperationException("not needed by the handover module");
    }

    @Override
    public Duration businessTimeBetween(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC);
             !day.isAfter(LocalDate.ofInstant(to, ZoneOffset.UTC)); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            Instant open = day.atTime(OPENS).toInstant(ZoneOffset.UTC);
            Instant close = day.atTime(CLOSES).toInstant(ZoneOffset.UTC);
            Instant start = from.isAfter(open) ? from : open;
            Instant end = to.isBefore(close) ? to : close;
            if (end.isAfter(start)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }

    @Override
    public boolean isHoliday(LocalDate date) {
        return holidays.contains(date);
    }

    private boolean isWorkingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !holidays.contains(day);
    }
}
