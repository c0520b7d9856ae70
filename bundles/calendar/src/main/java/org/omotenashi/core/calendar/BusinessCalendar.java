package org.omotenashi.core.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.osgi.annotation.versioning.ProviderType;

/** When the service desk is open, and how much of that open time lies between two instants. */
@ProviderType
public interface BusinessCalendar {

    /** The zone in which working hours and holidays are defined. */
    ZoneId zone();

    /** Whether {@code t} falls inside working hours on a working day that is not a holiday. */
    boolean isOpen(Instant t);

    /** {@code t} itself when the desk is open then, otherwise the next moment it opens. */
    Instant nextOpening(Instant t);

    /**
     * The earliest instant by which {@code amount} of business time has elapsed since {@code start};
     * {@code start} itself for a zero amount.
     *
     * @throws IllegalArgumentException if {@code amount} is negative
     */
    Instant plusBusinessTime(Instant start, Duration amount);

    /** Business time elapsed between the two instants; zero when {@code to} is not after {@code from}. */
    Duration businessTimeBetween(Instant from, Instant to);

    /** Whether the desk is closed all day on {@code date} for a public holiday or a configured closing day. */
    boolean isHoliday(LocalDate date);
}
