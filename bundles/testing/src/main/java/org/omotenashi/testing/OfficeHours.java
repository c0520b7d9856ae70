package org.omotenashi.testing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import org.omotenashi.core.calendar.BusinessCalendar;
import org.omotenashi.core.calendar.internal.WorkingHoursCalendar;

/** Business calendars for unit tests: the suite's own calendar with office hours, so tests need none of their own. */
public final class OfficeHours {
    private static final LocalTime OPENS = LocalTime.of(9, 0);
    private static final LocalTime CLOSES = LocalTime.of(17, 0);

    private OfficeHours() {
    }

    /** Monday to Friday, 09:00 to 17:00 in {@code zone}, closed on the given holidays. */
    public static BusinessCalendar in(ZoneId zone, LocalDate... holidays) {
        Set<LocalDate> closed = Set.of(holidays);
        return new WorkingHoursCalendar(zone, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), OPENS, CLOSES,
                closed::contains);
    }
}
