package org.omotenashi.survey.internal.soap;

import java.util.ArrayList;
import java.util.List;
import javax.xml.bind.annotation.XmlSchemaType;

/** Scores over a period, overall and one page of its groups; {@code next} asks for the following page. */
public class SoapScores {
    public String surveyId;
    @XmlSchemaType(name = "dateTime")
    public String from;
    @XmlSchemaType(name = "dateTime")
    public String to;
    public String groupBy;
    public SoapFigures overall;
    public List<SoapFigures> group = new ArrayList<>();
    public String next;
}
