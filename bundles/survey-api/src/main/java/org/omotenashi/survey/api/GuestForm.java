package org.omotenashi.survey.api;

import java.time.Instant;

/** What a guest holding a valid, unanswered token is asked: the survey version and language of the invitation. */
public record GuestForm(Survey survey, Language language, Subject subject, Instant expiresAt) {
}
