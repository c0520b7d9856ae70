package org.omotenashi.core.customer;

import java.time.Instant;

/**
 * A reason not to ask a customer for their opinion automatically now: {@link #OPEN_ESCALATION} while it lasts,
 * {@link #BROKEN_PROMISE} for the configured number of days after {@code since}. {@code until} is when it ends,
 * null while it lasts.
 */
public record ContactHold(String kind, Instant since, Instant until, String reason, RecordLink record) {
    public static final String OPEN_ESCALATION = "OPEN_ESCALATION";
    public static final String BROKEN_PROMISE = "BROKEN_PROMISE";
}
