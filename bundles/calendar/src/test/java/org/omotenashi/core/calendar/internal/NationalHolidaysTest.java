package org.omotenashi.core.calendar.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import org.junit.Test;

public class NationalHolidaysTest {

    private static final NationalHolidays NL = new NationalHolidays("nl");

    @Test
    public void koningsdagIsTheTwentySeventhOfAprilOnAWeekday() {
        assertTrue(NL.test(LocalDate.of(2026, 4, 27)));
        assertFalse(NL.test(LocalDate.of(2026, 4, 26)));
    }

    @Test
    public void koningsdagMovesToSaturdayWhenTheTwentySeventhIsASunday() {
        assertTrue(NL.test(LocalDate.of(2014, 4, 26)));
        assertFalse(NL.test(LocalDate.of(2014, 4, 27)));
        assertTrue(NL.test(LocalDate.of(2025, 4, 26)));
        assertFalse(NL.test(LocalDate.of(2025, 4, 27)));
    }

    @Test
    public void christmasBoxingDayAndNewYearAreHolidays() {
        assertTrue(NL.test(LocalDate.of(2026, 12, 25)));
        assertTrue(NL.test(LocalDate.of(2026, 12, 26)));
        assertTrue(NL.test(LocalDate.of(2027, 1, 1)));
        assertFalse(NL.test(LocalDate.of(2026, 12, 24)));
    }

    @Test
    public void movableChristianHolidaysFollowEaster() {
        assertTrue(NL.test(LocalDate.of(2026, 4, 6)));   // Easter Monday
        assertTrue(NL.test(LocalDate.of(2026, 5, 14)));  // Ascension Day
        assertTrue(NL.test(LocalDate.of(2026, 5, 25)));  // Whit Monday
    }

    @Test
    public void goodFridayIsOnlyAnObservanceNotADayOff() {
        assertFalse(NL.test(LocalDate.of(2026, 4, 3)));
    }

    @Test
    public void countryCodeIsCaseInsensitive() {
        assertEquals("NL", NL.country());
        assertTrue(new NationalHolidays("NL").test(LocalDate.of(2026, 4, 27)));
    }

    @Test(expected = IllegalStateException.class)
    public void unknownCountryIsRejected() {
        new NationalHolidays("XX");
    }
}
