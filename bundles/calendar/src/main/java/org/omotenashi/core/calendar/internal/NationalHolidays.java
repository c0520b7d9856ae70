package org.omotenashi.core.calendar.internal;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Public holidays of one country as published by Jollyday, computed once per year. */
public final class NationalHolidays implements Predicate<LocalDate> {

    private final String country;
    private final HolidayManager holidays;
    private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

    /**
     * @param country ISO 3166 code, such as {@code NL}
     * @throws IllegalStateException if Jollyday has no calendar for the country
     */
    public NationalHolidays(String country) {
        this.country = country.toUpperCase(Locale.ROOT);
        this.holidays = withBundleClassLoader(
                () -> HolidayManager.getInstance(ManagerParameters.create(country.toLowerCase(Locale.ROOT))));
    }

    public String country() {
        return country;
    }

    @Override
    public boolean test(LocalDate date) {
        return byYear.computeIfAbsent(date.getYear(), this::load).contains(date);
    }

    private Set<LocalDate> load(int year) {
        // Observances such as Good Friday in the Netherlands are not days off.
        Set<Holiday> publicHolidays = withBundleClassLoader(
                () -> holidays.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY));
        // getDate is the day the holiday is kept, e.g. Saturday 26 April when Koningsdag falls on a Sunday;
        // getActualDate would be the nominal 27th.
        return publicHolidays.stream().map(Holiday::getDate).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Jollyday finds its XML parser, and JAXB its runtime, with ServiceLoader on the context class loader.
     * In OSGi that loader belongs to whoever called us, so point it at this bundle, which embeds both.
     */
    private static <T> T withBundleClassLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(NationalHolidays.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
