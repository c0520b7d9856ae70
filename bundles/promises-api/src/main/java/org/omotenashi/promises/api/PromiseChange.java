package org.omotenashi.promises.api;

import java.time.Instant;
import java.util.Map;

/**
 * One step in a promise's history: what happened, when, who did it ({@code by}; absent when the due date passed
 * on its own) and why, when they said, with the facts of the step in {@code details} (e.g. {@code newDueAt},
 * {@code owner}, {@code evidence}).
 */
public record PromiseChange(Instant at, PromiseAction action, String by, String reason, Map<String, String> details) {
    public PromiseChange {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
