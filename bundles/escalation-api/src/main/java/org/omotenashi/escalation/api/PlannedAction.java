package org.omotenashi.escalation.api;

import java.time.Instant;

/** What a rule would send for a subject, and when, as a dry run reports it. */
public record PlannedAction(ActionType action, int level, String target, String payload, Instant notBefore) {
}
