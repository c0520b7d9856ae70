package org.omotenashi.core.internal.customer.soap;

import java.util.ArrayList;
import java.util.List;
import javax.xml.bind.annotation.XmlSchemaType;

/** One step of a customer's journey as SOAP callers see it. */
public class SoapTimelineEntry {
    public String id;
    @XmlSchemaType(name = "dateTime")
    public String at;
    public String type;
    public String by;
    public String summary;
    public String reason;
    public String recordType;
    public String recordId;
    public String href;
    public List<SoapDetail> detail = new ArrayList<>();
}
