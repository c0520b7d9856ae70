package org.omotenashi.survey.api;

import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Defines surveys, invites customers and takes their answers. Refusals are {@code ProblemException}s
 * (400 invalid, 404 unknown survey or token, 409 fatigue or already answered, 410 expired) and store nothing.
 */
@ProviderType
public interface SurveyService {
    /** Groups on one page of scores when the caller names no limit. */
    int DEFAULT_SCORE_GROUPS = 100;
    /** The most groups one page of scores holds. */
    int MAX_SCORE_GROUPS = 1000;

    /** Defines a new survey, version 1. */
    Survey define(NewSurvey survey, String by);

    /** Makes a new version of a survey; answers given to earlier versions keep their scores. */
    Survey revise(String surveyId, NewSurvey survey, Integer expectedVersion, String by);

    /** The current version of every survey, by name. */
    List<Survey> list();

    /** The current version of a survey. */
    Optional<Survey> find(String surveyId);

    /** One version of a survey. */
    Optional<Survey> find(String surveyId, int version);

    /** Sends an invitation, unless the contact was invited within the fatigue period (409). */
    IssuedInvitation invite(String surveyId, NewInvitation invitation);

    /** The form behind a token: 404 unknown, 410 expired, 409 already answered. */
    GuestForm open(String token);

    /** Stores the guest's answers once: the refusals of {@link #open}, and 400 naming each missing or invalid answer. */
    SurveyResponse answer(String token, Map<String, String> answers);

    /**
     * Stores answers given before, all or none: each is scored with the survey's current version as a live
     * answer would be and counts as invited and answered at its {@code answeredAt}. No event is raised and
     * the fatigue rule is neither consulted nor updated. An answer whose {@link ImportedResponse#importRef()}
     * the survey already holds is left out and counted as already imported. 400 names every invalid field
     * (and a reference given twice in one import), 413 beyond {@link ImportedResponse#MAX_PER_IMPORT},
     * 404 unknown survey, 409 when another import stored one of the same references meanwhile.
     */
    ResponseImport importResponses(String surveyId, List<ImportedResponse> responses);

    /**
     * The scores of the period overall and the first page of its groups ({@link #DEFAULT_SCORE_GROUPS} at most);
     * see {@link #scores(String, Instant, Instant, ScoreGroup, int, String)}.
     */
    default SurveyScores scores(String surveyId, Instant from, Instant to, ScoreGroup groupBy) {
        return scores(surveyId, from, to, groupBy, DEFAULT_SCORE_GROUPS, null);
    }

    /**
     * The scores of the period overall and one page of its groups, summed in the database: at most
     * {@code limit} groups (1 to {@link #MAX_SCORE_GROUPS}) after the last group of the page whose
     * {@link SurveyScores#next()} is {@code cursor} (from the first group when null), in key order (periods
     * ascending, customers and subject types in the database's order of text). 400 for a limit out of range or a
     * cursor this grouping did not hand out, 404 unknown survey.
     */
    SurveyScores scores(String surveyId, Instant from, Instant to, ScoreGroup groupBy, int limit, String cursor);

    /** Customers whose latest answer in the period gave NPS 9–10, most recent first. */
    List<Ambassador> ambassadors(String surveyId, Instant from, Instant to, int limit);

    /** Writes the answers of the period as CSV (RFC 4180), one row per response, one column per question key. */
    void exportCsv(String surveyId, Instant from, Instant to, Writer out);
}
