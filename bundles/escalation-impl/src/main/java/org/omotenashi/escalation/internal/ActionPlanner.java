package org.omotenashi.escalation.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.omotenashi.core.calendar.BusinessCalendar;
import org.omotenashi.core.json.Json;
import org.omotenashi.escalation.api.ActionType;
import org.omotenashi.escalation.api.Escalation;
import org.omotenashi.escalation.api.EscalationLevel;
import org.omotenashi.escalation.api.EscalationRule;
import org.omotenashi.escalation.api.PlannedAction;
import org.omotenashi.escalation.api.RuleAction;

/**
 * Turns a rule's actions for the level an escalation enters into outbox rows, rendered now so that
 * what a dry run shows is what is sent. A business-hours-only rule's rows wait for the next opening.
 */
final class ActionPlanner {
    /** An action to put in the outbox, with the webhook secret it is signed with (null for other actions). */
    record Planned(ActionType action, String escalationId, String target, String payload, Instant notBefore,
                   String secret) {
        PlannedAction view(int level) {
            return new PlannedAction(action, level, target, payload, notBefore);
        }
    }

    private final BusinessCalendar calendar;

    ActionPlanner(BusinessCalendar calendar) {
        this.calendar = calendar;
    }

    static EscalationLevel levelOf(EscalationRule rule, int level, EscalationSettings settings) {
        if (rule != null) {
            for (EscalationLevel l : rule.levels()) {
                if (l.level() == level) {
                    return l;
                }
            }
        }
        EscalationLevel fallback = settings.levels().get(level);
        return fallback == null ? new EscalationLevel(level, List.of(), null) : fallback;
    }

    List<Planned> plan(EscalationRule rule, Escalation escalation, String event, Map<String, Object> variables,
                       Instant now, EscalationSettings settings, List<String> notes) {
        int level = escalation.level();
        Instant notBefore = rule.businessHoursOnly() ? calendar.nextOpening(now) : now;
        Map<String, Object> values = new HashMap<>(variables);
        values.put("escalationId", escalation.id());
        values.put("ruleId", escalation.ruleId());
        values.put("ruleName", escalation.ruleName());
        values.put("level", level);
        values.put("subjectType", escalation.subject().type());
        values.put("subjectRef", escalation.subject().ref());
        values.put("customerId", escalation.customerId() == null ? "" : escalation.customerId());
        values.put("status", escalation.status().name());
        List<Planned> planned = new ArrayList<>();
        for (RuleAction action : rule.actions()) {
            if (!action.appliesAt(level)) {
                continue;
            }
            switch (action.type()) {
                case NOTIFY -> {
                    List<String> to = action.to().isEmpty() ? levelOf(rule, level, settings).recipients() : action.to();
                    if (to.isEmpty()) {
                        notes.add("NOTIFY skipped: no recipients at level " + level);
                        continue;
                    }
                    ObjectNode mail = Json.mapper().createObjectNode();
                    to.forEach(mail.putArray("to")::add);
                    mail.put("subject", Templates.render(action.subjectTemplate() != null ? action.subjectTemplate()
                            : settings.mailSubjectTemplate(), values));
                    mail.put("body", Templates.render(action.bodyTemplate() != null ? action.bodyTemplate()
                            : settings.mailBodyTemplate(), values));
                    planned.add(row(escalation, ActionType.NOTIFY, String.join(", ", to), mail.toString(), null, notBefore));
                }
                case WEBHOOK -> planned.add(row(escalation, ActionType.WEBHOOK, action.url(),
                        webhookBody(escalation, event, variables, now), action.secret(), notBefore));
                case REASSIGN -> {
                    String promiseId = "promise".equals(escalation.subject().type()) ? escalation.subject().ref()
                            : text(variables.get("promiseId"));
                    if (promiseId == null) {
                        notes.add("REASSIGN skipped: the subject is not a promise");
                        continue;
                    }
                    ObjectNode body = Json.mapper().createObjectNode();
                    body.put("promiseId", promiseId);
                    body.put("owner", action.owner());
                    body.put("reason", "Escalation " + escalation.id() + " (" + escalation.ruleName() + ") at level " + level);
                    planned.add(row(escalation, ActionType.REASSIGN, promiseId, body.toString(), null, notBefore));
                }
                case RAISE -> {
                    // Acts when the rule fires, on the subject's open escalation; nothing to deliver.
                }
            }
        }
        return planned;
    }

    private static String webhookBody(Escalation e, String event, Map<String, Object> variables, Instant now) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("type", "escalation." + event.toLowerCase(java.util.Locale.ROOT));
        body.put("timestamp", now.toString());
        ObjectNode data = body.putObject("data");
        data.put("escalationId", e.id());
        data.put("ruleId", e.ruleId());
        data.put("ruleName", e.ruleName());
        data.put("level", e.level());
        data.put("status", e.status().name());
        ObjectNode subject = data.putObject("subject");
        subject.put("type", e.subject().type());
        subject.put("ref", e.subject().ref());
        if (e.customerId() != null) {
            data.put("customerId", e.customerId());
        }
        data.set("properties", Json.mapper().valueToTree(new LinkedHashMap<>(variables)));
        return body.toString();
    }

    private static Planned row(Escalation e, ActionType type, String target, String payload, String secret,
                               Instant notBefore) {
        return new Planned(type, e.id(), target, payload, notBefore, secret);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
