/** The SOAP contract of the survey module: plain JAXB beans, timestamps as ISO-8601 text with offset. */
@XmlSchema(namespace = "urn:omotenashi:survey:1", elementFormDefault = XmlNsForm.QUALIFIED)
package org.omotenashi.survey.internal.soap;

import javax.xml.bind.annotation.XmlNsForm;
import javax.xml.bind.annotation.XmlSchema;
