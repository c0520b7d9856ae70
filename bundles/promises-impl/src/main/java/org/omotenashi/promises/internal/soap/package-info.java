/** The SOAP contract of the promise tracker: plain JAXB beans, timestamps as ISO-8601 text with offset. */
@XmlSchema(namespace = "urn:omotenashi:promises:1", elementFormDefault = XmlNsForm.QUALIFIED)
package org.omotenashi.promises.internal.soap;

import javax.xml.bind.annotation.XmlNsForm;
import javax.xml.bind.annotation.XmlSchema;
