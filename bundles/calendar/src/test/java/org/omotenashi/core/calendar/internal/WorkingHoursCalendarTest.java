package org.omotenashi.core.calendar.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.Test;

public class WorkingHoursCalendarTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final Duration EIGHT_HOURS = Duration.ofHours(8);

    // Jollyday's parser start-up is paid once for the whole class, not per test.
    private static final WorkingHoursCalendar DESK = new WorkingHoursCalendar(AMSTERDAM,
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0),
            new NationalHolidays("NL"));

    /** Wall-clock time at the desk. */
    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(AMSTERDAM).toInstant();
    }

    @Test
    public void fridayEveningStartRunsOverTheWeekend() {
        // Monday 9 March 2026 16:00 CET
        assertEquals(Instant.parse("2026-03-09T15:00:00Z"),
                DESK.plusBusinessTime(local("2026-03-06T16:00"), EIGHT_HOURS));
    }

    @Test
    public void startOnTheEveningBeforeKoningsdagRunsOverIt() {
        // Koningsdag is Monday 27 April 2026; Tuesday 28 April 16:00 CEST
        assertEquals(Instant.parse("2026-04-28T14:00:00Z"),
                DESK.plusBusinessTime(local("2026-04-24T16:00"), EIGHT_HOURS));
    }

    @Test
    public void christmasAndBoxingDayAreSkipped() {
        // Friday 25 and Saturday 26 December 2026 are holidays; Monday 28 December 16:00 CET
        assertEquals(Instant.parse("2026-12-28T15:00:00Z"),
                DESK.plusBusinessTime(local("2026-12-24T16:00"), EIGHT_HOURS));
    }

    @Test
    public void newYearsDayIsSkipped() {
        // Thursday 1 January 2026 is a holiday; Friday 2 January 16:00 CET
        assertEquals(Instant.parse("2026-01-02T15:00:00Z"),
                DESK.plusBusinessTime(local("2025-12-31T16:00"), EIGHT_HOURS));
    }

    @Test
    public void springForwardWeekendKeepsWallClockOpeningHours() {
        // Clocks go forward on Sunday 29 March 2026: Friday 16:00 CET, Monday 16:00 CEST
        assertEquals(Instant.parse("2026-03-30T14:00:00Z"),
                DESK.plusBusinessTime(Instant.parse("2026-03-27T15:00:00Z"), EIGHT_HOURS));
        assertEquals(Instant.parse("2026-03-30T07:00:00Z"), DESK.nextOpening(local("2026-03-29T12:00")));
    }

    @Test
    public void fallBackWeekendKeepsWallClockOpeningHours() {
        // Clocks go back on Sunday 25 October 2026: Friday 16:00 CEST, Monday 16:00 CET
        assertEquals(Instant.parse("2026-10-26T15:00:00Z"),
                DESK.plusBusinessTime(Instant.parse("2026-10-23T14:00:00Z"), EIGHT_HOURS));
        assertEquals(Duration.ofHours(2),
                DESK.businessTimeBetween(Instant.parse("2026-10-23T14:00:00Z"), Instant.parse("2026-10-26T09:00:00Z")));
    }

    @Test
    public void nextOpeningFromSaturdayIsMondayNine() {
        assertEquals(Instant.parse("2026-03-09T08:00:00Z"), DESK.nextOpening(local("2026-03-07T12:00")));
    }

    @Test
    public void nextOpeningFromEasterSaturdaySkipsEasterMonday() {
        // Easter Monday is 6 April 2026; Tuesday 7 April 09:00 CEST
        assertEquals(Instant.parse("2026-04-07T07:00:00Z"), DESK.nextOpening(local("2026-04-04T12:00")));
    }

    @Test
    public void nextOpeningWhileOpenIsTheSameInstant() {
        Instant tuesdayMorning = local("2026-03-10T10:15:30");
        assertEquals(tuesdayMorning, DESK.nextOpening(tuesdayMorning));
    }

    @Test
    public void nextOpeningAtClosingTimeIsTheNextWorkingMorning() {
        assertEquals(Instant.parse("2026-03-09T08:00:00Z"), DESK.nextOpening(local("2026-03-06T17:00")));
    }

    @Test
    public void businessTimeBetweenCountsOnlyOpenHoursAcrossAWeekend() {
        // Friday 15:00-17:00 plus Monday 09:00-11:00
        assertEquals(Duration.ofHours(4),
                DESK.businessTimeBetween(local("2026-03-06T15:00"), local("2026-03-09T11:00")));
    }

    @Test
    public void businessTimeBetweenIsZeroWhenToIsNotAfterFrom() {
        Instant monday = local("2026-03-09T10:00");
        assertEquals(Duration.ZERO, DESK.businessTimeBetween(monday, monday));
        assertEquals(Duration.ZERO, DESK.businessTimeBetween(monday, monday.minusSeconds(3600)));
    }

    @Test
    public void businessTimeBetweenUndoesPlusBusinessTime() {
        Instant start = local("2026-04-24T16:00");
        Duration amount = Duration.ofHours(30).plusMinutes(7);
        assertEquals(amount, DESK.businessTimeBetween(start, DESK.plusBusinessTime(start, amount)));
    }

    @Test
    public void isOpenFromNineUpToButNotIncludingFive() {
        assertFalse(DESK.isOpen(local("2026-03-09T08:59")));
        assertTrue(DESK.isOpen(local("2026-03-09T09:00")));
        assertTrue(DESK.isOpen(local("2026-03-09T16:59")));
        assertFalse(DESK.isOpen(local("2026-03-09T17:00")));
    }

    @Test
    public void isClosedAllDayOnWeekendsAndHolidays() {
        assertFalse(DESK.isOpen(local("2026-03-07T12:00")));
        assertFalse(DESK.isOpen(local("2026-04-27T12:00")));
    }

    @Test
    public void workEndingExactlyAtClosingTimeEndsThatDay() {
        // Monday 9 March 2026 17:00 CET, not Tuesday 09:00
        assertEquals(Instant.parse("2026-03-09T16:00:00Z"),
                DESK.plusBusinessTime(local("2026-03-09T09:00"), EIGHT_HOURS));
    }

    @Test
    public void zeroBusinessTimeEndsAtTheStartEvenWhenClosed() {
        Instant saturday = local("2026-03-07T12:00");
        assertEquals(saturday, DESK.plusBusinessTime(saturday, Duration.ZERO));
    }

    @Test(expected = IllegalArgumentException.class)
    public void negativeBusinessTimeIsRejected() {
        DESK.plusBusinessTime(local("2026-03-09T09:00"), Duration.ofMinutes(-1));
    }

    @Test(expected = IllegalArgumentException.class)
    public void closingBeforeOpeningIsRejected() {
        new WorkingHoursCalendar(AMSTERDAM, EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(17, 0), LocalTime.of(9, 0),
                date -> false);
    }
}
