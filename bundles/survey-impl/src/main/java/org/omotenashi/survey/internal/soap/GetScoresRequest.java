package org.omotenashi.survey.internal.soap;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlRootElement;
import javax.xml.bind.annotation.XmlSchemaType;
import javax.xml.bind.annotation.XmlType;

/**
 * The request of getScores, written out only so that from and to are typed xs:dateTime in the WSDL (JAXB
 * types an operation's own parameters by their Java type). The values arrive as text, and are read like
 * every other timestamp, so a refusal names the field.
 */
@XmlRootElement(name = "getScores", namespace = "urn:omotenashi:survey:1")
@XmlType(name = "getScores", namespace = "urn:omotenashi:survey:1", propOrder = {"surveyId", "from", "to", "groupBy", "limit", "cursor"})
@XmlAccessorType(XmlAccessType.FIELD)
public class GetScoresRequest {
    @XmlElement(name = "surveyId", namespace = "")
    public String surveyId;
    @XmlElement(name = "from", namespace = "")
    @XmlSchemaType(name = "dateTime")
    public String from;
    @XmlElement(name = "to", namespace = "")
    @XmlSchemaType(name = "dateTime")
    public String to;
    @XmlElement(name = "groupBy", namespace = "")
    public String groupBy;
    /** Groups on the page: 1 to 1000, 100 when absent. */
    @XmlElement(name = "limit", namespace = "")
    public Integer limit;
    /** The {@code next} of the previous page. */
    @XmlElement(name = "cursor", namespace = "")
    public String cursor;
}
