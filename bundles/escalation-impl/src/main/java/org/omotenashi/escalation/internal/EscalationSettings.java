package org.omotenashi.escalation.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.omotenashi.escalation.api.EscalationLevel;

/**
 * The configured knobs the rules work with, as one immutable snapshot so a configuration change never
 * shows half applied: default recipients and acknowledgement times per level, customer segments, whether
 * webhooks may target this machine, whether settled promises resolve their escalations, and mail templates.
 */
record EscalationSettings(Map<Integer, EscalationLevel> levels, Map<String, String> segments,
                          boolean allowLocalWebhooks, boolean resolveSettledPromises,
                          String mailSubjectTemplate, String mailBodyTemplate) {

    static final String DEFAULT_SUBJECT = "[Omotenashi] Escalation level ${level}: ${ruleName} (${subjectType} ${subjectRef})";
    static final String DEFAULT_BODY = "Escalation ${escalationId} for customer ${customerId} is at level ${level}.\n"
            + "Rule: ${ruleName}\nSubject: ${subjectType} ${subjectRef}\nEvent: ${topic}\n\n"
            + "Acknowledge it: POST /api/v1/escalations/${escalationId}/acknowledge\n";

    EscalationSettings {
        levels = Map.copyOf(levels);
        segments = Map.copyOf(segments);
    }

    static EscalationSettings defaults() {
        return new EscalationSettings(Map.of(1, new EscalationLevel(1, List.of(), Duration.ofHours(4)),
                2, new EscalationLevel(2, List.of(), Duration.ofHours(8)), 3, new EscalationLevel(3, List.of(), null)),
                Map.of(), false, true, DEFAULT_SUBJECT, DEFAULT_BODY);
    }

    static EscalationSettings from(EscalationConfig config, MailConfig mail) {
        Map<Integer, EscalationLevel> levels = new HashMap<>();
        levels.put(1, new EscalationLevel(1, List.of(config.level1Recipients()), duration(config.level1AcknowledgeWithin())));
        levels.put(2, new EscalationLevel(2, List.of(config.level2Recipients()), duration(config.level2AcknowledgeWithin())));
        // The top level has nowhere to move up to, so it has no time to acknowledge within.
        levels.put(3, new EscalationLevel(3, List.of(config.level3Recipients()), null));
        Map<String, String> segments = new HashMap<>();
        for (String entry : config.customerSegments()) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                segments.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
            }
        }
        return new EscalationSettings(levels, segments, config.allowLocalWebhookTargets(),
                config.resolveWhenPromiseSettled(), mail.subjectTemplate(), mail.bodyTemplate());
    }

    private static Duration duration(String text) {
        return text == null || text.isBlank() ? null : Duration.parse(text.strip());
    }
}
