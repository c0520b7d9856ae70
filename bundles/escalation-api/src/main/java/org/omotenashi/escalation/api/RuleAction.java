package org.omotenashi.escalation.api;

import java.util.List;

/**
 * One action of a rule. {@code level} limits it to escalations at that level (null: every level the
 * escalation enters). NOTIFY uses {@code to} or else the level's recipients, and optional templates;
 * WEBHOOK uses {@code url} and {@code secret} ({@code whsec_} + base64); REASSIGN uses {@code owner}.
 */
public record RuleAction(ActionType type, Integer level, List<String> to, String subjectTemplate,
                         String bodyTemplate, String url, String secret, String owner) {

    public RuleAction {
        to = to == null ? List.of() : List.copyOf(to);
    }

    /** Whether the action runs when an escalation enters {@code escalationLevel}. */
    public boolean appliesAt(int escalationLevel) {
        return level == null || level == escalationLevel;
    }
}
