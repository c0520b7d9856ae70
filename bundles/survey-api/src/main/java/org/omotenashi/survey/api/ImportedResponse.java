package org.omotenashi.survey.api;

import java.time.Instant;
import java.util.Map;

/**
 * An answer given before this module existed, e.g. in a previous survey tool, to be stored as history.
 *
 * @param contactEmail optional; kept on the invitation the import creates, never used for the fatigue rule
 * @param answers      question key to the answer as given, read against the survey's current version
 */
public record ImportedResponse(String customerId, String contactEmail, Language language, Subject subject,
                               Instant answeredAt, Map<String, String> answers) {
    /** The most responses one import takes; a larger history is sent in several imports. */
    public static final int MAX_PER_IMPORT = 5000;

    public ImportedResponse {
        answers = answers == null ? Map.of() : Map.copyOf(answers);
    }
}
