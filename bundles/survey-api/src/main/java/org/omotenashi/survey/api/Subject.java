package org.omotenashi.survey.api;

/**
 * What a survey asks about, e.g. {@code promise}/{@code 4f1c…}, {@code handover}/{@code h-12} or
 * {@code ticket}/{@code TOPdesk I-2405-001}.
 */
public record Subject(String type, String ref) {
}
