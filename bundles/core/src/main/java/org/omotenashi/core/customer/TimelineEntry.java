package org.omotenashi.core.customer;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a customer's journey: when, what kind ({@code promise.kept}, {@code survey.answered}…), who took it
 * ({@code by}: a person, {@code rule:<name>}, or null for what happened by itself), what in a sentence, why when
 * given, the record it is about, and its facts ({@code details}, e.g. the scores of an answer). The id is
 * {@code <source>:<seq>}: the source's name and a number that grows with every entry the source stores.
 */
public record TimelineEntry(String id, Instant at, String type, String by, String summary, String reason,
                            RecordLink record, Map<String, Object> details) {
    public TimelineEntry {
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** The entry id a source gives its entry number {@code seq}. */
    public static String id(String source, long seq) {
        return source + ":" + seq;
    }
}
