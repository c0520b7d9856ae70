package org.omotenashi.escalation.api;

import java.util.List;
import java.util.Map;

/**
 * A subject a rule would fire for now; {@code blockedBy} says why it would not (an open escalation,
 * the cooldown) or is null when it would, in which case {@code actions} is what would be sent.
 */
public record DryRunMatch(Subject subject, String customerId, Map<String, Object> variables, String blockedBy,
                          List<PlannedAction> actions) {
    public DryRunMatch {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }
}
