/** The SOAP contract of the customer timeline: plain JAXB beans, timestamps as ISO-8601 text. */
@XmlSchema(namespace = "urn:omotenashi:customers:1", elementFormDefault = XmlNsForm.QUALIFIED)
package org.omotenashi.core.internal.customer.soap;

import javax.xml.bind.annotation.XmlNsForm;
import javax.xml.bind.annotation.XmlSchema;
