package org.omotenashi.escalation.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.omotenashi.core.json.Json;
import org.omotenashi.core.json.JsonBodies;
import org.omotenashi.core.json.JsonInput;

/**
 * An event a facility system pushes into the rules, e.g. {@code omotenashi/fm/WORK_ORDER_LATE}, with plain
 * properties. The suite's own module topics are refused: an outside system must not be able to forge a
 * broken promise or a detractor.
 */
record PushedEvent(String topic, Map<String, Object> properties) {
    /** Topics the suite's modules post themselves. */
    static final List<String> INTERNAL_PREFIXES = List.of("omotenashi/promise/", "omotenashi/handover/",
            "omotenashi/survey/", "omotenashi/escalation/");
    static final int MAX_PROPERTIES = 100;
    static final int MAX_TEXT = 2000;
    // EventAdmin's topic grammar (tokens of letters, digits, '_' and '-') under omotenashi/, no wildcard.
    private static final Pattern TOPIC = Pattern.compile("omotenashi(/[A-Za-z0-9_-]+){2,}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");

    /** Reads and checks a pushed event; one 400 names every invalid field. */
    static PushedEvent read(byte[] body) {
        JsonNode node = JsonBodies.read(body);
        JsonInput in = JsonInput.of(node == null ? Json.mapper().createObjectNode() : node);
        String topic = in.requiredText("topic", 200);
        if (topic != null) {
            if (!TOPIC.matcher(topic).matches()) {
                in.error("topic", "must be omotenashi/<type>/<EVENT>, of letters, digits, '_' and '-', without wildcards");
            } else if (INTERNAL_PREFIXES.stream().anyMatch(topic::startsWith)) {
                in.error("topic", "is a topic the suite posts itself; pushed events may not use "
                        + String.join(", ", INTERNAL_PREFIXES));
            }
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        JsonNode values = node == null ? null : node.get("properties");
        if (values != null && !values.isNull()) {
            if (!values.isObject()) {
                in.error("properties", "must be an object of names to text, numbers or booleans");
            } else if (values.size() > MAX_PROPERTIES) {
                in.error("properties", "must hold at most " + MAX_PROPERTIES + " properties");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    Object value = plain(e.getValue());
                    if (!NAME.matcher(e.getKey()).matches()) {
                        in.error("properties." + e.getKey(), "must be a name of letters, digits and '_' starting with a letter");
                    } else if (value == null) {
                        in.error("properties." + e.getKey(), "must be text (at most " + MAX_TEXT
                                + " characters), a number or a boolean");
                    } else {
                        properties.put(e.getKey(), value);
                    }
                }
            }
        }
        in.validate();
        return new PushedEvent(topic, properties);
    }

    private static Object plain(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue().length() <= MAX_TEXT ? value.textValue() : null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? (Object) value.longValue() : null;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        return null;
    }
}
