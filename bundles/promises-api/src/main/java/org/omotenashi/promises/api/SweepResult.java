package org.omotenashi.promises.api;

/** What one pass of the due-date sweep changed. */
public record SweepResult(int broken, int dueSoon) {
}
