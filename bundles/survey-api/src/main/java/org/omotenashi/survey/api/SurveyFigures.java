package org.omotenashi.survey.api;

/**
 * The scores of one group. Percentages and margins are in points (0–100, NPS −100–100), rounded to two
 * decimals; every score is null when no answer counts towards it.
 *
 * @param invited      invitations sent in the period (for period groups: in that bucket)
 * @param answered     answers received in the period
 * @param responseRate share of the invitations sent in the period that have been answered, in percent
 * @param npsMargin    95% margin of error of the NPS, in NPS points
 * @param csat         share answering 4 or 5, in percent
 * @param csatMargin   95% margin of error of the CSAT, in percentage points
 * @param ces          average effort score
 */
public record SurveyFigures(String key, long invited, long answered, Double responseRate,
                            long npsAnswers, long promoters, long passives, long detractors, Double nps, Double npsMargin,
                            long csatAnswers, long satisfied, Double csat, Double csatMargin,
                            long cesAnswers, Double ces) {
}
