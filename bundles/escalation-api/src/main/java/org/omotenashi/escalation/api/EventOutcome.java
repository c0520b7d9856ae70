package org.omotenashi.escalation.api;

import java.util.List;

/**
 * What one event did to the rules: how many event rules on its topic held, the ids of the escalations it
 * opened and raised, and how many rules held but were kept back (an escalation still open, the cooldown,
 * the top level).
 */
public record EventOutcome(String topic, int matchedRules, List<String> opened, List<String> raised, int suppressed) {
    public EventOutcome {
        opened = opened == null ? List.of() : List.copyOf(opened);
        raised = raised == null ? List.of() : List.copyOf(raised);
    }
}
