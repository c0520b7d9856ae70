package org.omotenashi.core.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.omotenashi.core.problem.ProblemException;

/**
 * Reads request bodies as JSON, and says what is wrong with one that is not: malformed JSON is a 400, and so
 * is an object that names a key twice (JSON leaves its meaning open, and two readers of the same body could
 * see two different requests), naming the key where it is, e.g. {@code origin.type}.
 */
public final class JsonBodies {
    private JsonBodies() {
    }

    /** The body as a tree; null for an empty body. */
    public static JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            ProblemException refusal = refusal(e);
            throw refusal != null ? refusal : malformed();
        }
    }

    /**
     * The 400 for a failure to read a request body, or null when the failure is not the caller's (such as
     * a failure to write an answer).
     */
    public static ProblemException refusal(Throwable failure) {
        if (!(failure instanceof StreamReadException || failure instanceof MismatchedInputException)) {
            return null;
        }
        JacksonException reading = (JacksonException) failure;
        String message = reading.getOriginalMessage();
        if (message != null && message.startsWith("Duplicate field '") && reading.getProcessor() instanceof JsonParser parser) {
            String key = message.substring("Duplicate field '".length(), message.lastIndexOf('\''));
            return ProblemException.invalid(pathOf(parser.getParsingContext(), key), "is given more than once");
        }
        return malformed();
    }

    private static ProblemException malformed() {
        return new ProblemException(400, "Malformed JSON", "The body is not valid JSON.");
    }

    /** {@code a.b[2].key}: where the object that repeats {@code key} sits in the body. */
    static String pathOf(JsonStreamContext context, String key) {
        StringBuilder path = new StringBuilder(key);
        for (JsonStreamContext c = context == null ? null : context.getParent(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                path.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "].");
            } else if (c.getCurrentName() != null) {
                path.insert(0, c.getCurrentName() + ".");
            }
        }
        return path.toString().replace(".[", "[").replace("].", "].");
    }
}
