/** The SOAP contract of the handover module: plain JAXB beans, timestamps as ISO-8601 text with offset. */
@XmlSchema(namespace = "urn:omotenashi:handovers:1", elementFormDefault = XmlNsForm.QUALIFIED)
package org.omotenashi.handover.internal.soap;

import javax.xml.bind.annotation.XmlNsForm;
import javax.xml.bind.annotation.XmlSchema;
