package org.omotenashi.core.customer;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer at a glance: one section per installed module (its {@link JourneySource#summary}), keyed by the
 * source's name, and the contact budget.
 */
public record CustomerSummary(String customerId, Instant asOf, List<String> sources,
                              Map<String, Map<String, Object>> sections, ContactBudget contactBudget) {
    public CustomerSummary {
        sources = List.copyOf(sources);
        sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    }
}
