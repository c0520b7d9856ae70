package org.omotenashi.survey.api;

/** What an import stored: how many answers, scored with which version of the survey. */
public record ResponseImport(String surveyId, int surveyVersion, int imported) {
}
