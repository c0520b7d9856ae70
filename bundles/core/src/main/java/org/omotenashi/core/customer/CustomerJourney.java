package org.omotenashi.core.customer;

import java.time.Instant;
import java.util.Set;

import org.omotenashi.core.model.Page;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One timeline per customer across whatever modules are installed, a summary, and the contact budget. Refusals
 * are {@code ProblemException}s (400 naming the invalid parameter or a cursor not handed out).
 */
@ProviderType
public interface CustomerJourney {
    int DEFAULT_LIMIT = 50;
    int MAX_LIMIT = 200;

    /**
     * The customer's timeline, newest first, in {@code [from, to)} (null: unbounded), of the given types (a source
     * name such as {@code promise}, or a type such as {@code survey.answered}; empty: all), a page of at most
     * {@code limit} (1 to {@link #MAX_LIMIT}, null: {@link #DEFAULT_LIMIT}) after {@code cursor}.
     */
    Page<TimelineEntry> timeline(String customerId, Instant from, Instant to, Set<String> types, Integer limit,
                                 String cursor);

    CustomerSummary summary(String customerId);

    /** Whether the customer may get an automatic survey invitation now, and why not. */
    ContactBudget contactBudget(String customerId);
}
