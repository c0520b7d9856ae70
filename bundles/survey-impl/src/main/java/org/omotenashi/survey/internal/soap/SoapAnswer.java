package org.omotenashi.survey.internal.soap;

/** One answer: the question key and the value (a number, yes/no, or text). */
public class SoapAnswer {
    public String question;
    public String value;
}
