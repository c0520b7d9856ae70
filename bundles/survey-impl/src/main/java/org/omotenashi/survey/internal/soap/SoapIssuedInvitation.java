package org.omotenashi.survey.internal.soap;

import javax.xml.bind.annotation.XmlSchemaType;

/** A sent invitation: the token and link are handed out only here. */
public class SoapIssuedInvitation {
    public String invitationId;
    public String token;
    public String url;
    @XmlSchemaType(name = "dateTime")
    public String expiresAt;
}
