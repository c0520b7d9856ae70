package org.omotenashi.core.calendar.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.omotenashi.core.calendar.BusinessCalendar;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The configured business calendar, published as an OSGi service. */
@Component(service = BusinessCalendar.class, configurationPid = BusinessCalendarComponent.PID)
@Designate(ocd = BusinessCalendarComponent.Config.class)
public final class BusinessCalendarComponent implements BusinessCalendar {

    static final String PID = "org.omotenashi.calendar";

    /** Configuration of the service desk's working hours and closing days. */
    @ObjectClassDefinition(id = PID, name = "Omotenashi business calendar",
            description = "Working hours and closing days used for service-level deadlines")
    public @interface Config {

        @AttributeDefinition(description = "Time zone of the working hours, e.g. Europe/Amsterdam")
        String timeZone() default "Europe/Amsterdam";

        @AttributeDefinition(description = "Days of the week the desk works, e.g. MONDAY")
        String[] workingDays() default {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"};

        @AttributeDefinition(description = "Opening time, HH:mm")
        String opens() default "09:00";

        @AttributeDefinition(description = "Closing time, HH:mm; the desk is closed from this moment")
        String closes() default "17:00";

        @AttributeDefinition(description = "ISO 3166 country whose public holidays close the desk")
        String holidayCountry() default "NL";

        @AttributeDefinition(description = "Further closing days, ISO dates such as 2026-12-31")
        String[] extraClosedDays() default {};
    }

    private volatile NationalHolidays nationalHolidays;
    private volatile WorkingHoursCalendar calendar;

    @Activate
    @Modified
    void configure(Config config) {
        String country = config.holidayCountry().trim();
        NationalHolidays national = nationalHolidays;
        // Reusing the instance keeps its per-year cache when only the hours or closing days change.
        if (national == null || !national.country().equalsIgnoreCase(country)) {
            national = new NationalHolidays(country);
        }
        Set<DayOfWeek> workingDays = listed(config.workingDays())
                .map(day -> DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toSet());
        Set<LocalDate> extraClosedDays = listed(config.extraClosedDays())
                .map(LocalDate::parse)
                .collect(Collectors.toUnmodifiableSet());
        calendar = new WorkingHoursCalendar(ZoneId.of(config.timeZone().trim()), workingDays,
                LocalTime.parse(config.opens().trim()), LocalTime.parse(config.closes().trim()),
                national.or(extraClosedDays::contains));
        nationalHolidays = national;
    }

    /** A plain Karaf .cfg file delivers a list as one comma-separated string, so accept both forms. */
    private static Stream<String> listed(String[] values) {
        return Arrays.stream(values)
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(value -> !value.isEmpty());
    }

    @Override
    public ZoneId zone() {
        return calendar.zone();
    }

    @Override
    public boolean isOpen(Instant t) {
        return calendar.isOpen(t);
    }

    @Override
    public Instant nextOpening(Instant t) {
        return calendar.nextOpening(t);
    }

    @Override
    public Instant plusBusinessTime(Instant start, Duration amount) {
        return calendar.plusBusinessTime(start, amount);
    }

    @Override
    public Duration businessTimeBetween(Instant from, Instant to) {
        return calendar.businessTimeBetween(from, to);
    }

    @Override
    public boolean isHoliday(LocalDate date) {
        return calendar.isHoliday(date);
    }
}
