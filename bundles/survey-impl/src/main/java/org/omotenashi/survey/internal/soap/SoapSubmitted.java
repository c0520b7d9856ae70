package org.omotenashi.survey.internal.soap;

/** A stored answer. */
public class SoapSubmitted {
    public String invitationId;
    public String answeredAt;
}
