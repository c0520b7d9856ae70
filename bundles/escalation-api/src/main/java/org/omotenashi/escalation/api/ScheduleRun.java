package org.omotenashi.escalation.api;

/**
 * What one run of the schedule did: how many subjects the time triggers looked at, how many escalations they
 * opened, how many escalations moved up a level because nobody acknowledged them, and how long it took.
 */
public record ScheduleRun(int subjects, int fired, int raised, double millis) {
}
