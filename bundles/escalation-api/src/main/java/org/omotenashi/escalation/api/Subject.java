package org.omotenashi.escalation.api;

/** What an escalation is about: a promise, a handover, a survey response..., by its id. */
public record Subject(String type, String ref) {
}
