package org.omotenashi.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON configuration of the suite: ISO-8601 timestamps, no nulls, strict numbers, no key twice. */
public final class Json {
    private static volatile ObjectMapper mapper = build();

    private Json() {
    }

    /** The suite's mapper; ask for it each time rather than keeping it (see {@link #forgetClasses()}). */
    public static ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Starts afresh. A mapper keeps a serializer and a deserializer for every class it has handled, so a
     * module that was stopped or swapped stays reachable through it, class loader and all. The core calls
     * this whenever one of the suite's bundles stops.
     */
    public static void forgetClasses() {
        mapper = build();
    }

    private static ObjectMapper build() {
        ObjectMapper built = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        built.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
        // A key given twice is refused, not silently resolved to the last one (see JsonBodies).
        built.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return built;
    }
}
