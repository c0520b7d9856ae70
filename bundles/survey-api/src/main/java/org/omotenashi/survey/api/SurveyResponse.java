package org.omotenashi.survey.api;

import java.time.Instant;
import java.util.Map;

/**
 * A stored answer to one invitation.
 *
 * @param answers question key to the answer as given: a number for scales, {@code yes}/{@code no}, or text
 * @param nps     the score of the survey's first NPS question, null if it has none or it was skipped; likewise csat and ces
 */
public record SurveyResponse(String invitationId, String surveyId, int surveyVersion, String customerId, Subject subject,
                             Instant answeredAt, Map<String, String> answers, Integer nps, Integer csat, Integer ces) {
    public SurveyResponse {
        answers = Map.copyOf(answers);
    }

    /** True when the guest is unhappy enough to call back: NPS 0–6 or CSAT 1–2. */
    public boolean isDetractor() {
        return (nps != null && nps <= 6) || (csat != null && csat <= 2);
    }
}
