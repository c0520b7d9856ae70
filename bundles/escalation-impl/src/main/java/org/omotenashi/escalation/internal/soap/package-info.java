/** The SOAP contract of the escalations: plain JAXB beans, timestamps as ISO-8601 text. */
@XmlSchema(namespace = "urn:omotenashi:escalations:1", elementFormDefault = XmlNsForm.QUALIFIED)
package org.omotenashi.escalation.internal.soap;

import javax.xml.bind.annotation.XmlNsForm;
import javax.xml.bind.annotation.XmlSchema;
