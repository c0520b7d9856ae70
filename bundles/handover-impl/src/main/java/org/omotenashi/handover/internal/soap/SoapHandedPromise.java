package org.omotenashi.handover.internal.soap;

import javax.xml.bind.annotation.XmlSchemaType;

/** A promise made during the sale; promiseId is the promise tracker's id once registered. */
public class SoapHandedPromise {
    public String description;
    @XmlSchemaType(name = "dateTime")
    public String dueAt;
    public String promiseId;
}
