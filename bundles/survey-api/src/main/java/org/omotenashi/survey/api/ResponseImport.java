package org.omotenashi.survey.api;

/**
 * What an import stored: how many answers, scored with which version of the survey, and how many it left
 * out because the survey already held an answer with the same import reference.
 */
public record ResponseImport(String surveyId, int surveyVersion, int imported, int alreadyImported) {

    /** An import that found nothing already stored. */
    public ResponseImport(String surveyId, int surveyVersion, int imported) {
        this(surveyId, surveyVersion, imported, 0);
    }
}
