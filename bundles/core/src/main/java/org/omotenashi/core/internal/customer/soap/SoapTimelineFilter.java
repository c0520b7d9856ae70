package org.omotenashi.core.internal.customer.soap;

import java.util.ArrayList;
import java.util.List;
import javax.xml.bind.annotation.XmlSchemaType;

/** Which part of a customer's timeline to read: as the REST query parameters, types repeated. */
public class SoapTimelineFilter {
    public String customerId;
    @XmlSchemaType(name = "dateTime")
    public String from;
    @XmlSchemaType(name = "dateTime")
    public String to;
    public List<String> type = new ArrayList<>();
    public Integer limit;
    public String cursor;
}
