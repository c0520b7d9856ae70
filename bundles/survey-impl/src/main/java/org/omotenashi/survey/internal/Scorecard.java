package org.omotenashi.survey.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.omotenashi.survey.api.SurveyFigures;

/**
 * The score arithmetic, kept apart from SQL so it can be checked against hand-computed values.
 * Margins are the normal approximation at 95% (z = 1.96): for NPS, whose answers score +1, 0 or −1,
 * the variance is p + d − (p − d)²; for CSAT, a share, it is p(1 − p).
 */
final class Scorecard {
    static final double Z95 = 1.96;

    private Scorecard() {
    }

    /** Counts gathered for one group; the database sums them, this class only divides. */
    record Counts(long invited, long invitedAnswered, long answered, long promoters, long passives, long detractors,
                  long satisfied, long csatAnswers, long cesSum, long cesAnswers) {
        Counts plus(Counts o) {
            return new Counts(invited + o.invited, invitedAnswered + o.invitedAnswered, answered + o.answered,
                    promoters + o.promoters, passives + o.passives, detractors + o.detractors,
                    satisfied + o.satisfied, csatAnswers + o.csatAnswers, cesSum + o.cesSum, cesAnswers + o.cesAnswers);
        }

        static Counts none() {
            return new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        /** One invitation sent, and whether it is already answered (an imported one is). */
        static Counts invited(boolean answered) {
            return new Counts(1, answered ? 1 : 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        /** An invitation sent earlier that is now answered. */
        static Counts answeredInvitation() {
            return new Counts(0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        /** One answer, classed as the scores class it: NPS 9–10 promoter, 7–8 passive, 0–6 detractor; CSAT 4–5 satisfied. */
        static Counts of(org.omotenashi.survey.api.SurveyResponse r) {
            Integer nps = r.nps();
            Integer csat = r.csat();
            Integer ces = r.ces();
            return new Counts(0, 0, 1, nps != null && nps >= 9 ? 1 : 0, nps != null && nps >= 7 && nps <= 8 ? 1 : 0,
                    nps != null && nps <= 6 ? 1 : 0, csat != null && csat >= 4 ? 1 : 0, csat == null ? 0 : 1,
                    ces == null ? 0 : ces, ces == null ? 0 : 1);
        }
    }

    static SurveyFigures figures(String key, Counts c) {
        long npsAnswers = c.promoters() + c.passives() + c.detractors();
        return new SurveyFigures(key, c.invited(), c.answered(),
                c.invited() == 0 ? null : round(100.0 * c.invitedAnswered() / c.invited()),
                npsAnswers, c.promoters(), c.passives(), c.detractors(),
                nps(c.promoters(), c.passives(), c.detractors()), npsMargin(c.promoters(), c.passives(), c.detractors()),
                c.csatAnswers(), c.satisfied(), csat(c.satisfied(), c.csatAnswers()), csatMargin(c.satisfied(), c.csatAnswers()),
                c.cesAnswers(), c.cesAnswers() == 0 ? null : round((double) c.cesSum() / c.cesAnswers()));
    }

    /** % promoters minus % detractors; passives count in the denominator only. */
    static Double nps(long promoters, long passives, long detractors) {
        long n = promoters + passives + detractors;
        return n == 0 ? null : round(100.0 * (promoters - detractors) / n);
    }

    static Double npsMargin(long promoters, long passives, long detractors) {
        long n = promoters + passives + detractors;
        if (n == 0) {
            return null;
        }
        double p = (double) promoters / n;
        double d = (double) detractors / n;
        double variance = p + d - (p - d) * (p - d);
        return round(100.0 * Z95 * Math.sqrt(variance / n));
    }

    /** Share of CSAT answers that are 4 or 5. */
    static Double csat(long satisfied, long answers) {
        return answers == 0 ? null : round(100.0 * satisfied / answers);
    }

    static Double csatMargin(long satisfied, long answers) {
        if (answers == 0) {
            return null;
        }
        double p = (double) satisfied / answers;
        return round(100.0 * Z95 * Math.sqrt(p * (1 - p) / answers));
    }

    /** Two decimals, half up, through BigDecimal so 0.125 does not become 0.12 by binary accident. */
    static double round(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
