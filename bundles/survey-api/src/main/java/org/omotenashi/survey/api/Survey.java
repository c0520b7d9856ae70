package org.omotenashi.survey.api;

import java.time.Instant;
import java.util.List;

/**
 * One version of a survey definition. Changing a survey makes a new version; invitations and their
 * answers keep the version they were sent with, so earlier answers are always scored as they were given.
 */
public record Survey(String id, int version, String name, List<Question> questions, List<String> triggers,
                     Instant createdAt, String createdBy) {
    public Survey {
        questions = List.copyOf(questions);
        triggers = List.copyOf(triggers);
    }
}
