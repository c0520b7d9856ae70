package org.omotenashi.survey.api;

import java.time.Instant;
import java.util.Map;

/**
 * An answer given before this module existed, e.g. in a previous survey tool, to be stored as history.
 *
 * @param contactEmail optional; kept on the invitation the import creates, never used for the fatigue rule
 * @param answers      question key to the answer as given, read against the survey's current version
 * @param importRef    optional; the answer's id in the tool it comes from. An answer whose reference the survey
 *                     already holds is not stored again, so an interrupted import can simply be sent once more.
 */
public record ImportedResponse(String customerId, String contactEmail, Language language, Subject subject,
                               Instant answeredAt, Map<String, String> answers, String importRef) {
    /** The most responses one import takes; a larger history is sent in several imports. */
    public static final int MAX_PER_IMPORT = 5000;
    /** The longest reference an import may carry. */
    public static final int MAX_REF_LENGTH = 200;

    public ImportedResponse {
        answers = answers == null ? Map.of() : Map.copyOf(answers);
    }

    /** An answer without a reference: stored every time it is imported. */
    public ImportedResponse(String customerId, String contactEmail, Language language, Subject subject,
                            Instant answeredAt, Map<String, String> answers) {
        this(customerId, contactEmail, language, subject, answeredAt, answers, null);
    }
}
