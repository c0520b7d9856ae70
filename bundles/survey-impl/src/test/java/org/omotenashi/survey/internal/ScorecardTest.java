package org.omotenashi.survey.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;
import org.omotenashi.survey.api.SurveyFigures;

public class ScorecardTest {

    @Test
    public void npsIsPromoterShareMinusDetractorShareWithPassivesInTheDenominator() {
        // 5 promoters, 3 passives, 2 detractors: 50% - 20% = 30
        assertEquals(30.0, Scorecard.nps(5, 3, 2), 0.0);
        // passives only: nobody promotes, nobody detracts
        assertEquals(0.0, Scorecard.nps(0, 4, 0), 0.0);
        assertEquals(-100.0, Scorecard.nps(0, 0, 7), 0.0);
        // 1 promoter, 1 passive, 1 detractor: 0; 2 promoters out of 3: 66.67
        assertEquals(66.67, Scorecard.nps(2, 1, 0), 0.0);
    }

    @Test
    public void npsMarginFollowsTheTrinomialVariance() {
        // p=0.5, d=0.2, n=10: var = 0.7 - 0.09 = 0.61; 1.96*sqrt(0.061)*100 = 48.408...
        assertEquals(48.41, Scorecard.npsMargin(5, 3, 2), 0.0);
        // the same shares from 100 times as many answers: a tenth of the margin
        assertEquals(4.84, Scorecard.npsMargin(500, 300, 200), 0.0);
    }

    @Test
    public void sevenAnswersGiveAWideMarginAndSevenHundredANarrowOne() {
        double fromSeven = Scorecard.npsMargin(4, 2, 1);
        double fromSevenHundred = Scorecard.npsMargin(400, 200, 100);
        assertEquals(fromSeven / 10.0, fromSevenHundred, 0.01);
    }

    @Test
    public void csatIsTheShareOfFoursAndFivesWithItsBinomialMargin() {
        // 3 of 4 satisfied: 75%; 1.96*sqrt(0.75*0.25/4)*100 = 42.435
        assertEquals(75.0, Scorecard.csat(3, 4), 0.0);
        assertEquals(42.44, Scorecard.csatMargin(3, 4), 0.0);
        assertEquals(0.0, Scorecard.csatMargin(4, 4), 0.0);
    }

    @Test
    public void withoutAnswersEveryScoreIsAbsentRatherThanZero() {
        SurveyFigures f = Scorecard.figures("all", Scorecard.Counts.none());
        assertNull(f.nps());
        assertNull(f.npsMargin());
        assertNull(f.csat());
        assertNull(f.csatMargin());
        assertNull(f.ces());
        assertNull(f.responseRate());
    }

    @Test
    public void figuresCombineCountsIntoRateAverageAndScores() {
        Scorecard.Counts counts = new Scorecard.Counts(8, 2, 4, 1, 2, 1, 3, 4, 10, 4);
        SurveyFigures f = Scorecard.figures("2026-05", counts);
        assertEquals(25.0, f.responseRate(), 0.0);
        assertEquals(0.0, f.nps(), 0.0);
        assertEquals(75.0, f.csat(), 0.0);
        assertEquals(2.5, f.ces(), 0.0);
        assertEquals(4, f.npsAnswers());
    }

    @Test
    public void roundingIsHalfUpOnTheDecimalValue() {
        assertEquals(0.13, Scorecard.round(0.125), 0.0);
        assertEquals(-0.13, Scorecard.round(-0.125), 0.0);
    }
}
