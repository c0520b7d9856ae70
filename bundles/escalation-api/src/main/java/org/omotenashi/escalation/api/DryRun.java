package org.omotenashi.escalation.api;

import java.time.Instant;
import java.util.List;

/**
 * The subjects a rule would fire for at {@code at}, without sending anything. An event-triggered rule is
 * checked against the most recent events of its topic the module has seen, a time-triggered rule against
 * the current subjects; {@code note} explains an empty answer.
 */
public record DryRun(String ruleId, Instant at, List<DryRunMatch> matches, String note) {
    public DryRun {
        matches = matches == null ? List.of() : List.copyOf(matches);
    }
}
