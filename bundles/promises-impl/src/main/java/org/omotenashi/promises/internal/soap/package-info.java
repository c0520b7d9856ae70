/**
 * The SOAP contract of the promise tracker: plain JAXB beans, unqualified child elements like the
 * operation wrappers, timestamps as ISO-8601 text with offset.
 */
@XmlSchema(namespace = "urn:omotenashi:promises:1")
package org.omotenashi.promises.internal.soap;

import javax.xml.bind.annotation.XmlSchema;
