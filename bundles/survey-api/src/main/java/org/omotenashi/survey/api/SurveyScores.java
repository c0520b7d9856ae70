package org.omotenashi.survey.api;

import java.time.Instant;
import java.util.List;

/**
 * Scores of one survey over {@code [from, to)}, overall and one page of its groups.
 *
 * @param next the cursor of the next page of groups, null on the last page
 */
public record SurveyScores(String surveyId, Instant from, Instant to, ScoreGroup groupBy, SurveyFigures overall,
                           List<SurveyFigures> groups, String next) {
    public SurveyScores {
        groups = List.copyOf(groups);
    }

    /** Scores whose groups all fit on one page. */
    public SurveyScores(String surveyId, Instant from, Instant to, ScoreGroup groupBy, SurveyFigures overall,
                        List<SurveyFigures> groups) {
        this(surveyId, from, to, groupBy, overall, groups, null);
    }
}
