package org.omotenashi.survey.internal.soap;

import javax.xml.bind.annotation.XmlSchemaType;

/** A stored answer. */
public class SoapSubmitted {
    public String invitationId;
    @XmlSchemaType(name = "dateTime")
    public String answeredAt;
}
