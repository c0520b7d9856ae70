package org.omotenashi.escalation.api;

import java.time.Duration;
import java.util.List;

/**
 * A level of escalation: who is told, and how much business time they have to acknowledge before the
 * escalation moves up to the next level (null: it stays at this level).
 */
public record EscalationLevel(int level, List<String> recipients, Duration acknowledgeWithin) {
    public EscalationLevel {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
