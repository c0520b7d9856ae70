package org.omotenashi.core.calendar.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.Test;

public class BusinessCalendarComponentTest {

    /** A configuration as SCR would pass it: the given values, annotation defaults for the rest. */
    private static BusinessCalendarComponent.Config config(Map<String, Object> values) {
        return (BusinessCalendarComponent.Config) Proxy.newProxyInstance(
                BusinessCalendarComponent.Config.class.getClassLoader(),
                new Class<?>[] {BusinessCalendarComponent.Config.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    private static BusinessCalendarComponent activated(Map<String, Object> values) {
        BusinessCalendarComponent component = new BusinessCalendarComponent();
        component.configure(config(values));
        return component;
    }

    @Test
    public void defaultsAreAmsterdamNineToFiveOnWeekdaysWithDutchHolidays() {
        BusinessCalendarComponent calendar = activated(Map.of());
        assertEquals(ZoneId.of("Europe/Amsterdam"), calendar.zone());
        assertEquals(Instant.parse("2026-03-09T15:00:00Z"),
                calendar.plusBusinessTime(Instant.parse("2026-03-06T15:00:00Z"), Duration.ofHours(8)));
        assertTrue(calendar.isHoliday(LocalDate.of(2026, 4, 27)));
    }

    @Test
    public void extraClosedDaysAreHonoured() {
        BusinessCalendarComponent calendar = activated(Map.of("extraClosedDays", new String[] {"2026-03-09"}));
        assertTrue(calendar.isHoliday(LocalDate.of(2026, 3, 9)));
        // Friday 16:00 + 8h skips the closed Monday: Tuesday 10 March 16:00 CET
        assertEquals(Instant.parse("2026-03-10T15:00:00Z"),
                calendar.plusBusinessTime(Instant.parse("2026-03-06T15:00:00Z"), Duration.ofHours(8)));
    }

    @Test
    public void commaSeparatedListsFromAPlainCfgFileAreAccepted() {
        BusinessCalendarComponent calendar = activated(Map.of(
                "workingDays", new String[] {"MONDAY, tuesday"},
                "extraClosedDays", new String[] {"2026-03-09,2026-03-10"}));
        assertEquals(Instant.parse("2026-03-16T08:00:00Z"),
                calendar.nextOpening(Instant.parse("2026-03-06T15:00:00Z")));
    }

    @Test
    public void modifiedConfigurationReplacesTheCalendar() {
        BusinessCalendarComponent calendar = activated(Map.of());
        Instant mondayEightThirty = Instant.parse("2026-03-09T07:30:00Z");
        assertFalse(calendar.isOpen(mondayEightThirty));

        calendar.configure(config(Map.of("opens", "08:00", "timeZone", "Europe/Amsterdam")));
        assertTrue(calendar.isOpen(mondayEightThirty));
    }
}
