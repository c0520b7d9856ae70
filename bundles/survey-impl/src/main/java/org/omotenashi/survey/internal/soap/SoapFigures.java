package org.omotenashi.survey.internal.soap;

/** The scores of one group; absent scores had no answers. */
public class SoapFigures {
    public String key;
    public long invited;
    public long answered;
    public Double responseRate;
    public long npsAnswers;
    public long promoters;
    public long passives;
    public long detractors;
    public Double nps;
    public Double npsMargin;
    public long csatAnswers;
    public long satisfied;
    public Double csat;
    public Double csatMargin;
    public long cesAnswers;
    public Double ces;
}
