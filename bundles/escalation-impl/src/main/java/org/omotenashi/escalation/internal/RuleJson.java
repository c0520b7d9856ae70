package org.omotenashi.escalation.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.omotenashi.core.json.Json;
import org.omotenashi.core.json.JsonBodies;
import org.omotenashi.core.json.JsonInput;
import org.omotenashi.core.webhook.WebhookSignature;
import org.omotenashi.escalation.api.ActionType;
import org.omotenashi.escalation.api.EscalationLevel;
import org.omotenashi.escalation.api.EscalationRule;
import org.omotenashi.escalation.api.RuleAction;
import org.omotenashi.escalation.api.Trigger;
import org.omotenashi.escalation.api.TriggerType;

/**
 * A rule as JSON, the same shape over REST, in rule files and in storage. Reading collects every
 * invalid field (the condition's syntax and the webhook targets included) into one 400.
 */
final class RuleJson {
    static final String MASK = "whsec_********";
    private static final int TEXT = 2000;
    /** Limits that keep a rule a rule, and its stored definition within its column. */
    static final int MAX_ACTIONS = 20;
    static final int MAX_RECIPIENTS = 50;
    static final int MAX_VARIABLES = 100;
    static final int MAX_DEFINITION = 24_000;
    private static final Pattern TOPIC = Pattern.compile("omotenashi/(\\*|[A-Za-z0-9_-]+(/[A-Za-z0-9_*-]+)*)");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final ConditionEngine conditions;
    private final boolean allowLocalWebhooks;

    RuleJson(ConditionEngine conditions, boolean allowLocalWebhooks) {
        this.conditions = conditions;
        this.allowLocalWebhooks = allowLocalWebhooks;
    }

    /** Reads and validates a rule; throws one 400 naming every invalid field. */
    EscalationRule read(byte[] body) {
        JsonNode node = JsonBodies.read(body);
        return read(node == null ? Json.mapper().createObjectNode() : node);
    }

    EscalationRule read(JsonNode node) {
        JsonInput in = JsonInput.of(node);
        JsonNode body = node == null ? Json.mapper().createObjectNode() : node;
        String name = in.requiredText("name", 200);
        Boolean enabled = in.optionalBoolean("enabled");
        Trigger trigger = trigger(in, body.get("trigger"));
        String condition = in.optionalText("condition", TEXT);
        String syntax = conditions.syntaxError(condition);
        if (syntax != null) {
            in.error("condition", syntax);
        }
        Integer level = in.optionalInt("level", 1, 3);
        List<EscalationLevel> levels = in.objects("levels", 3, this::level);
        Set<Integer> seen = new HashSet<>();
        for (EscalationLevel l : levels) {
            if (l.level() > 0 && !seen.add(l.level())) {
                in.error("levels", "names level " + l.level() + " twice");
            }
        }
        List<RuleAction> actions = in.objects("actions", MAX_ACTIONS, this::action);
        if (actions.isEmpty() && !in.hasErrors()) {
            in.error("actions", "must hold at least one action");
        }
        Map<String, String> variables = variables(in, body.get("variables"));
        Boolean businessHoursOnly = in.optionalBoolean("businessHoursOnly");
        Duration cooldown = duration(in, "cooldown");
        in.validate();
        return new EscalationRule(null, name, enabled == null || enabled, trigger, condition,
                level == null ? 1 : level, actions, levels, variables, businessHoursOnly != null && businessHoursOnly,
                cooldown, EscalationRule.SOURCE_API, 0);
    }

    private Trigger trigger(JsonInput in, JsonNode value) {
        if (value == null || value.isNull()) {
            in.error("trigger", "is required: an event topic such as omotenashi/promise/BROKEN, "
                    + "or {\"type\":\"TIME\",\"dueWithin\":\"PT4H\"}");
            return null;
        }
        if (value.isTextual()) {
            String topic = value.asText().strip();
            if (!TOPIC.matcher(topic).matches()) {
                in.error("trigger", "must be an omotenashi/... event topic");
                return null;
            }
            return Trigger.event(topic);
        }
        JsonInput t = in.object("trigger");
        TriggerType type = t.optionalEnum("type", TriggerType.class);
        if (type == null || type == TriggerType.EVENT) {
            String topic = t.requiredText("topic", 200);
            if (topic != null && !TOPIC.matcher(topic).matches()) {
                t.error("topic", "must be an omotenashi/... event topic");
            }
            return Trigger.event(topic);
        }
        String subject = t.optionalText("subject", 50);
        if (subject != null && !subject.equals("promise")) {
            t.error("subject", "must be promise: open promises are the subjects a schedule can see");
        }
        String status = t.optionalText("status", 20);
        if (status != null && !status.equals("OPEN") && !status.equals("BROKEN")) {
            t.error("status", "must be OPEN or BROKEN");
        }
        Duration dueWithin = duration(t, "dueWithin");
        Boolean businessTime = t.optionalBoolean("businessTime");
        return new Trigger(TriggerType.TIME, null, "promise", status == null ? "OPEN" : status, dueWithin,
                businessTime == null || businessTime);
    }

    private EscalationLevel level(JsonInput in) {
        Integer level = in.requiredInt("level", 1, 3);
        List<String> recipients = emails(in, "recipients");
        Duration within = duration(in, "acknowledgeWithin");
        return new EscalationLevel(level == null ? 0 : level, recipients, within);
    }

    private RuleAction action(JsonInput in) {
        ActionType type = in.requiredEnum("type", ActionType.class);
        Integer level = in.optionalInt("level", 1, 3);
        List<String> to = emails(in, "to");
        String subject = in.optionalText("subject", 500);
        String body = in.optionalText("body", 8000);
        String url = in.optionalText("url", TEXT);
        String secret = in.optionalText("secret", 200);
        String owner = in.optionalText("owner", 100);
        if (type == ActionType.WEBHOOK) {
            if (url == null) {
                in.error("url", "is required for a WEBHOOK");
            } else {
                String problem = WebhookTargets.problem(url, allowLocalWebhooks);
                if (problem != null) {
                    in.error("url", problem);
                }
            }
            if (secret != null && !secret.equals(MASK)) {
                String problem = WebhookSignature.problem(secret);
                if (problem != null) {
                    in.error("secret", problem);
                }
            }
        }
        if (type == ActionType.REASSIGN && owner == null) {
            in.error("owner", "is required for a REASSIGN");
        }
        return new RuleAction(type, level, to, subject, body, url, secret, owner);
    }

    private static List<String> emails(JsonInput in, String field) {
        List<String> values = in.texts(field, 320, MAX_RECIPIENTS);
        for (int i = 0; i < values.size(); i++) {
            if (!EMAIL.matcher(values.get(i)).matches()) {
                in.error(field + "[" + i + "]", "must be an email address");
            }
        }
        return values;
    }

    private static Map<String, String> variables(JsonInput in, JsonNode value) {
        Map<String, String> result = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isObject()) {
            in.error("variables", "must be an object of names to text");
            return result;
        }
        if (value.size() > MAX_VARIABLES) {
            in.error("variables", "must hold at most " + MAX_VARIABLES + " variables");
            return result;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!NAME.matcher(e.getKey()).matches() || !e.getValue().isValueNode()) {
                in.error("variables." + e.getKey(), "must be a plain name with a text or number value");
            } else {
                result.put(e.getKey(), e.getValue().asText());
            }
        }
        return result;
    }

    private static Duration duration(JsonInput in, String field) {
        String text = in.optionalText(field, 40);
        if (text == null) {
            return null;
        }
        try {
            Duration d = Duration.parse(text);
            if (d.isNegative()) {
                in.error(field, "must not be negative");
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            in.error(field, "must be an ISO-8601 duration such as PT4H");
            return null;
        }
    }

    /** The rule as JSON; secrets are shown only to whoever manages rules. */
    static ObjectNode write(EscalationRule rule, boolean revealSecrets) {
        ObjectNode n = Json.mapper().createObjectNode();
        if (rule.id() != null) {
            n.put("id", rule.id());
        }
        n.put("name", rule.name());
        n.put("enabled", rule.enabled());
        Trigger t = rule.trigger();
        ObjectNode trigger = n.putObject("trigger");
        trigger.put("type", t.type().name());
        if (t.type() == TriggerType.EVENT) {
            trigger.put("topic", t.topic());
        } else {
            trigger.put("subject", t.subject());
            trigger.put("status", t.status());
            if (t.dueWithin() != null) {
                trigger.put("dueWithin", t.dueWithin().toString());
            }
            trigger.put("businessTime", t.businessTime());
        }
        if (rule.condition() != null) {
            n.put("condition", rule.condition());
        }
        n.put("level", rule.level());
        ArrayNode actions = n.putArray("actions");
        for (RuleAction a : rule.actions()) {
            ObjectNode o = actions.addObject();
            o.put("type", a.type().name());
            if (a.level() != null) {
                o.put("level", a.level());
            }
            if (!a.to().isEmpty()) {
                a.to().forEach(o.putArray("to")::add);
            }
            putIfSet(o, "subject", a.subjectTemplate());
            putIfSet(o, "body", a.bodyTemplate());
            putIfSet(o, "url", a.url());
            putIfSet(o, "secret", a.secret() == null ? null : revealSecrets ? a.secret() : MASK);
            putIfSet(o, "owner", a.owner());
        }
        if (!rule.levels().isEmpty()) {
            ArrayNode levels = n.putArray("levels");
            for (EscalationLevel l : rule.levels()) {
                ObjectNode o = levels.addObject();
                o.put("level", l.level());
                l.recipients().forEach(o.putArray("recipients")::add);
                if (l.acknowledgeWithin() != null) {
                    o.put("acknowledgeWithin", l.acknowledgeWithin().toString());
                }
            }
        }
        if (!rule.variables().isEmpty()) {
            ObjectNode vars = n.putObject("variables");
            rule.variables().forEach(vars::put);
        }
        n.put("businessHoursOnly", rule.businessHoursOnly());
        n.put("cooldown", rule.cooldown().toString());
        if (rule.source() != null) {
            n.put("source", rule.source());
        }
        n.put("version", rule.version());
        return n;
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    /** Gives webhooks without a secret a fresh one, and keeps the stored secret where the caller sent the mask. */
    static EscalationRule withSecrets(EscalationRule rule, EscalationRule previous) {
        List<RuleAction> actions = new ArrayList<>();
        for (int i = 0; i < rule.actions().size(); i++) {
            RuleAction a = rule.actions().get(i);
            if (a.type() == ActionType.WEBHOOK && (a.secret() == null || a.secret().equals(MASK))) {
                String kept = a.secret() == null ? null : previousSecret(previous, a.url());
                a = new RuleAction(a.type(), a.level(), a.to(), a.subjectTemplate(), a.bodyTemplate(), a.url(),
                        kept != null ? kept : WebhookSignature.newSecret(), a.owner());
            }
            actions.add(a);
        }
        return new EscalationRule(rule.id(), rule.name(), rule.enabled(), rule.trigger(), rule.condition(),
                rule.level(), actions, rule.levels(), rule.variables(), rule.businessHoursOnly(), rule.cooldown(),
                rule.source(), rule.version());
    }

    private static String previousSecret(EscalationRule previous, String url) {
        if (previous == null) {
            return null;
        }
        for (RuleAction a : previous.actions()) {
            if (a.type() == ActionType.WEBHOOK && a.url() != null && a.url().equals(url)) {
                return a.secret();
            }
        }
        return null;
    }
}
