package org.omotenashi.core.json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;

/**
 * Reads a JSON request body field by field. Every problem is collected, so the caller learns about
 * all invalid fields at once; {@link #validate()} throws a single 400 listing them.
 */
public final class JsonInput {
    /** The longest e-mail address a mail server has to accept (RFC 5321 path limit). */
    public static final int MAX_EMAIL = 254;
    private final JsonNode node;
    private final String prefix;
    private final List<FieldError> errors;

    private JsonInput(JsonNode node, String prefix, List<FieldError> errors) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** Starts reading a body; a body that is not a JSON object is itself an error. */
    public static JsonInput of(JsonNode body) {
        JsonInput input = new JsonInput(body, "", new ArrayList<>());
        if (body == null || !body.isObject()) {
            input.errors.add(new FieldError("$", "the body must be a JSON object"));
        }
        return input;
    }

    /**
     * Parses a raw request body; an empty body reads as an empty object, so actions whose fields are
     * all optional need no body. Malformed JSON is a 400.
     */
    public static JsonInput parse(byte[] body) {
        JsonNode tree = JsonBodies.read(body);
        return of(tree == null ? Json.mapper().createObjectNode() : tree);
    }

    /** Reads a nested object with the same error list, so nested fields are reported with their path. */
    public JsonInput object(String field) {
        JsonNode value = node.get(field);
        if (value != null && !value.isNull() && !value.isObject()) {
            error(field, "must be an object");
            return new JsonInput(MissingNode.getInstance(), path(field) + ".", errors);
        }
        return new JsonInput(value, path(field) + ".", errors);
    }

    /** Reads an array of objects; each element is read with {@code reader} under its index. */
    public <T> List<T> objects(String field, Function<JsonInput, T> reader) {
        return objects(field, Integer.MAX_VALUE, reader);
    }

    /** As {@link #objects(String, Function)}, refusing more than {@code maxItems} without reading them. */
    public <T> List<T> objects(String field, int maxItems, Function<JsonInput, T> reader) {
        JsonNode value = node.get(field);
        List<T> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isArray()) {
            error(field, "must be an array");
            return result;
        }
        if (value.size() > maxItems) {
            error(field, "must hold at most " + maxItems + " items");
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonInput element = new JsonInput(value.get(i), path(field) + "[" + i + "].", errors);
            if (!value.get(i).isObject()) {
                errors.add(new FieldError(path(field) + "[" + i + "]", "must be an object"));
                continue;
            }
            result.add(reader.apply(element));
        }
        return result;
    }

    /** Reads an array of strings. */
    public List<String> texts(String field, int maxLength) {
        return texts(field, maxLength, Integer.MAX_VALUE);
    }

    /** As {@link #texts(String, int)}, refusing more than {@code maxItems} without reading them. */
    public List<String> texts(String field, int maxLength, int maxItems) {
        JsonNode value = node.get(field);
        List<String> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isArray()) {
            error(field, "must be an array of strings");
            return result;
        }
        if (value.size() > maxItems) {
            error(field, "must hold at most " + maxItems + " items");
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            String name = path(field) + "[" + i + "]";
            if (!element.isTextual() || element.asText().isBlank()) {
                errors.add(new FieldError(name, "must be a non-empty string"));
            } else if (element.asText().length() > maxLength) {
                errors.add(new FieldError(name, "must be at most " + maxLength + " characters"));
            } else {
                result.add(element.asText().strip());
            }
        }
        return result;
    }

    public String requiredText(String field, int maxLength) {
        String value = optionalText(field, maxLength);
        if (value == null && isAbsent(field)) {
            error(field, "is required");
        }
        return value;
    }

    public String optionalText(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            error(field, "must be a string");
            return null;
        }
        String text = value.asText().strip();
        if (text.isEmpty()) {
            error(field, "must not be blank");
            return null;
        }
        if (text.length() > maxLength) {
            error(field, "must be at most " + maxLength + " characters");
            return null;
        }
        return text;
    }

    public Instant requiredInstant(String field) {
        Instant value = optionalInstant(field);
        if (value == null && isAbsent(field)) {
            error(field, "is required");
        }
        return value;
    }

    /** Timestamps must carry an offset and lie in {@link Timestamps}' window. */
    public Instant optionalInstant(String field) {
        String text = optionalText(field, 64);
        if (text == null) {
            return null;
        }
        String problem = Timestamps.problem(text);
        if (problem != null) {
            error(field, problem);
            return null;
        }
        return Timestamps.parse(text);
    }

    /** A calendar date (ISO-8601, e.g. 2026-06-01) in {@link Timestamps}' window. */
    public java.time.LocalDate optionalDate(String field) {
        String text = optionalText(field, 64);
        if (text == null) {
            return null;
        }
        String problem = Timestamps.dateProblem(text);
        if (problem != null) {
            error(field, problem);
            return null;
        }
        return java.time.LocalDate.parse(text);
    }

    public <E extends Enum<E>> E requiredEnum(String field, Class<E> type) {
        E value = optionalEnum(field, type);
        if (value == null && isAbsent(field)) {
            error(field, "is required");
        }
        return value;
    }

    public <E extends Enum<E>> E optionalEnum(String field, Class<E> type) {
        String text = optionalText(field, 64);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            error(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    public Integer optionalInt(String field, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            error(field, "must be a whole number from " + min + " to " + max);
            return null;
        }
        return value.asInt();
    }

    public Integer requiredInt(String field, int min, int max) {
        Integer value = optionalInt(field, min, max);
        if (value == null && isAbsent(field)) {
            error(field, "is required");
        }
        return value;
    }

    public Boolean optionalBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            error(field, "must be true or false");
            return null;
        }
        return value.asBoolean();
    }

    /** An e-mail address, loosely checked: it is for sending a link, not proof that the mailbox exists. */
    public String optionalEmail(String field) {
        String email = optionalText(field, MAX_EMAIL);
        if (email != null && !isEmail(email)) {
            error(field, "must be an e-mail address");
            return null;
        }
        return email;
    }

    /** A phone number as people write it: digits, spaces and + ( ) - . / */
    public String optionalPhone(String field) {
        String phone = optionalText(field, 50);
        if (phone != null && !phone.matches("[+0-9 ()\\-./]{3,50}")) {
            error(field, "must be a phone number: digits, spaces, + ( ) - . /");
            return null;
        }
        return phone;
    }

    /** One of the given lower-case words, e.g. a language {@code nl} or {@code en}; read case-insensitively. */
    public String optionalChoice(String field, java.util.Set<String> choices) {
        String text = optionalText(field, 64);
        if (text == null) {
            return null;
        }
        String value = text.toLowerCase(java.util.Locale.ROOT);
        if (!choices.contains(value)) {
            error(field, "must be one of " + new java.util.TreeSet<>(choices));
            return null;
        }
        return value;
    }

    /** True for text shaped like an e-mail address (something@domain.tld, no spaces), of at most 254 characters. */
    public static boolean isEmail(String text) {
        return text.length() <= MAX_EMAIL && text.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    }

    /** Records a rule that spans fields, such as dueAt after madeAt. */
    public void error(String field, String message) {
        errors.add(new FieldError(path(field), message));
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Throws one 400 naming every invalid field, if any were found. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private boolean isAbsent(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull();
    }

    private String path(String field) {
        return prefix + field;
    }
}
