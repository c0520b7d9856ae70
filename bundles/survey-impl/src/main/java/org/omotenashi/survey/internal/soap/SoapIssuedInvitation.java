package org.omotenashi.survey.internal.soap;

/** A sent invitation: the token and link are handed out only here. */
public class SoapIssuedInvitation {
    public String invitationId;
    public String token;
    public String url;
    public String expiresAt;
}
