package org.omotenashi.survey.api;

/**
 * One question of a survey version.
 *
 * @param key      stable name of the question within the survey, e.g. {@code recommend}; answers are keyed by it
 * @param required whether a guest must answer it before the response is accepted
 */
public record Question(String key, QuestionType type, String textNl, String textEn, boolean required) {
    /** The question text in the guest's language. */
    public String text(Language language) {
        return language == Language.NL ? textNl : textEn;
    }
}
