package org.omotenashi.survey.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import org.omotenashi.core.json.Json;

/** The survey's columns that hold JSON: questions, triggers, answers. */
final class StoredJson {
    private StoredJson() {
    }

    static String write(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("survey data is always serialisable", e);
        }
    }

    static <T> T read(String text, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored survey data is unreadable", e);
        }
    }
}
