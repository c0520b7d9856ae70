package org.omotenashi.escalation.api;

import java.time.Instant;
import java.util.List;

/** An escalation opened by a rule for a subject, with its level, status and history. */
public record Escalation(
        String id,
        String ruleId,
        String ruleName,
        Subject subject,
        String customerId,
        int level,
        EscalationStatus status,
        Instant openedAt,
        Instant levelSince,
        Instant acknowledgedAt,
        Instant resolvedAt,
        List<HistoryEntry> history,
        long version) {

    public Escalation {
        history = history == null ? List.of() : List.copyOf(history);
    }
}
