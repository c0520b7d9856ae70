package org.omotenashi.survey.api;

import java.time.Instant;
import java.util.List;

/** Scores of one survey over {@code [from, to)}, overall and per group. */
public record SurveyScores(String surveyId, Instant from, Instant to, ScoreGroup groupBy, SurveyFigures overall,
                           List<SurveyFigures> groups) {
    public SurveyScores {
        groups = List.copyOf(groups);
    }
}
