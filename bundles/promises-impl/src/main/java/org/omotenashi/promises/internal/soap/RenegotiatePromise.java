package org.omotenashi.promises.internal.soap;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlRootElement;
import javax.xml.bind.annotation.XmlSchemaType;
import javax.xml.bind.annotation.XmlType;

/**
 * The request of renegotiatePromise, written out only so that newDueAt is typed xs:dateTime in the WSDL
 * (JAXB types an operation's own parameters by their Java type). The value arrives as text, and is read
 * like every other timestamp, so a refusal names the field.
 */
@XmlRootElement(name = "renegotiatePromise", namespace = "urn:omotenashi:promises:1")
@XmlType(name = "renegotiatePromise", namespace = "urn:omotenashi:promises:1",
        propOrder = {"id", "newDueAt", "reason", "expectedVersion"})
@XmlAccessorType(XmlAccessType.FIELD)
public class RenegotiatePromise {
    @XmlElement(name = "id", namespace = "")
    public String id;
    @XmlElement(name = "newDueAt", namespace = "")
    @XmlSchemaType(name = "dateTime")
    public String newDueAt;
    @XmlElement(name = "reason", namespace = "")
    public String reason;
    @XmlElement(name = "expectedVersion", namespace = "")
    public Long expectedVersion;
}
