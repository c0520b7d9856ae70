package org.omotenashi.escalation.api;

import java.time.Instant;

/** One step in an escalation's life: OPENED, RAISED, ACKNOWLEDGED, RESOLVED, or an action noted. */
public record HistoryEntry(Instant at, String event, int level, String by, String note) {
}
