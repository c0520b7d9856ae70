package org.omotenashi.survey.internal.soap;

import java.util.ArrayList;
import java.util.List;

/** Scores over a period, overall and per group. */
public class SoapScores {
    public String surveyId;
    public String from;
    public String to;
    public String groupBy;
    public SoapFigures overall;
    public List<SoapFigures> group = new ArrayList<>();
}
