package org.omotenashi.core.customer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A module's part of the customers' journeys, registered as a service by the module: while the module is
 * installed its entries are on every timeline, its section in every summary, and its holds count for the contact
 * budget. Implementations read their own tables and must answer a timeline query with an index, never by reading
 * all of a customer's rows.
 */
@ConsumerType
public interface JourneySource {
    /** The source's name, the first part of its entry types and ids: {@code promise}, {@code survey}… */
    String name();

    /**
     * The customer's entries the query asks for, newest first (by time, then entry number), at most
     * {@code query.limit()}; ids are {@code <name>:<seq>}, types {@code <name>.<kind in lower case>}.
     */
    List<TimelineEntry> timeline(TimelineQuery query);

    /** The source's section of the customer's summary, as plain values (numbers, text, maps, lists). */
    default Map<String, Object> summary(String customerId, Instant now) {
        return Map.of();
    }

    /**
     * What in this source argues against inviting the customer automatically now: what is still open (an
     * escalation), and what happened at or after {@code since} (a promise that broke). The contact budget decides
     * how long a hold lasts.
     */
    default List<ContactHold> holds(String customerId, Instant since) {
        return List.of();
    }
}
