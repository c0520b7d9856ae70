package org.omotenashi.core.internal.events;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.omotenashi.core.json.Json;

/**
 * Event properties as stored: a JSON object that gives EventAdmin subscribers back exactly the Java types the
 * module wrote. Numbers, lists and maps whose JSON reading would differ carry their type beside the value
 * ({@code "@types": {"ackTargetBusinessHours": "long"}}).
 */
final class EventProperties {
    private static final String TYPES = "@types";

    private EventProperties() {
    }

    static String write(Map<String, ?> properties) {
        ObjectNode values = Json.mapper().createObjectNode();
        ObjectNode types = Json.mapper().createObjectNode();
        for (Map.Entry<String, ?> p : properties.entrySet()) {
            String name = p.getKey();
            Object value = p.getValue();
            if (name == null || name.equals(TYPES)) {
                throw new IllegalArgumentException("an event property needs a name other than " + TYPES);
            }
            if (value == null) {
                continue;
            }
            if (value instanceof String s) {
                values.put(name, s);
            } else if (value instanceof Boolean b) {
                values.put(name, b);
            } else if (value instanceof Integer i) {
                values.put(name, i);
            } else if (value instanceof Long l) {
                values.put(name, l);
                types.put(name, "long");
            } else if (value instanceof Double d) {
                values.put(name, d);
                types.put(name, "double");
            } else if (value instanceof String[] array) {
                ArrayNode list = values.putArray(name);
                for (String s : array) {
                    list.add(s);
                }
                types.put(name, "string[]");
            } else if (value instanceof List<?> list) {
                ArrayNode node = values.putArray(name);
                list.stream().filter(java.util.Objects::nonNull).forEach(item -> node.add(text(name, item)));
            } else if (value instanceof Map<?, ?> map) {
                ObjectNode node = values.putObject(name);
                map.forEach((k, v) -> {
                    if (k != null && v != null) {
                        node.put(k.toString(), text(name, v));
                    }
                });
            } else {
                throw new IllegalArgumentException("event property " + name + " is a " + value.getClass().getName()
                        + "; events carry plain values only");
            }
        }
        if (!types.isEmpty()) {
            values.set(TYPES, types);
        }
        return values.toString();
    }

    static Map<String, Object> read(String json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored event's properties are unreadable", e);
        }
        JsonNode types = root.path(TYPES);
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals(TYPES)) {
                properties.put(field.getKey(), value(field.getValue(), types.path(field.getKey()).asText("")));
            }
        }
        return properties;
    }

    private static Object value(JsonNode node, String type) {
        switch (type) {
            case "long":
                return node.asLong();
            case "double":
                return node.asDouble();
            case "string[]":
                String[] array = new String[node.size()];
                for (int i = 0; i < array.length; i++) {
                    array[i] = node.get(i).asText();
                }
                return array;
            default:
                break;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isInt()) {
            return node.asInt();
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isArray()) {
            List<String> list = new ArrayList<>();
            node.forEach(item -> list.add(item.asText()));
            return List.copyOf(list);
        }
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> map.put(f.getKey(), f.getValue().asText()));
        return java.util.Collections.unmodifiableMap(map);
    }

    private static String text(String name, Object item) {
        if (item == null || item instanceof String || item instanceof Number || item instanceof Boolean) {
            return item == null ? null : item.toString();
        }
        throw new IllegalArgumentException("event property " + name + " holds a " + item.getClass().getName());
    }
}
