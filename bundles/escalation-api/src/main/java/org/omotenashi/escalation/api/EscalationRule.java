package org.omotenashi.escalation.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A rule: when {@code trigger} happens and {@code condition} holds for a subject, an escalation opens at
 * {@code level} and {@code actions} run. {@code levels} overrides the configured recipients and
 * acknowledgement times per level; {@code variables} are constants the condition can use. A rule never
 * opens a second escalation for a subject while one is unresolved, nor fires again within {@code cooldown}.
 * {@code source} is {@code api} or the file the rule was read from.
 */
public record EscalationRule(
        String id,
        String name,
        boolean enabled,
        Trigger trigger,
        String condition,
        int level,
        List<RuleAction> actions,
        List<EscalationLevel> levels,
        Map<String, String> variables,
        boolean businessHoursOnly,
        Duration cooldown,
        String source,
        long version) {

    public static final String SOURCE_API = "api";

    public EscalationRule {
        actions = actions == null ? List.of() : List.copyOf(actions);
        levels = levels == null ? List.of() : List.copyOf(levels);
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        cooldown = cooldown == null ? Duration.ZERO : cooldown;
    }

    /** The same rule under another id, source and version, as storage assigns them. */
    public EscalationRule stored(String newId, String newSource, long newVersion) {
        return new EscalationRule(newId, name, enabled, trigger, condition, level, actions, levels, variables,
                businessHoursOnly, cooldown, newSource, newVersion);
    }

    /** Whether the rule came from a file, so only the file may change it. */
    public boolean fromFile() {
        return source != null && !SOURCE_API.equals(source);
    }
}
