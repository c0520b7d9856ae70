package org.omotenashi.handover.internal.soap;

import java.util.ArrayList;
import java.util.List;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlSchemaType;

/**
 * The content of a handover as a facility or CRM system sends it. The list fields keep their JSON
 * names so one reader checks REST and SOAP input alike; in XML each item is one repeated element.
 */
public class SoapHandoverDraft {
    public String dealRef;
    public String customerId;
    public String customerName;
    public String soldBy;
    public String serviceTeam;
    @XmlSchemaType(name = "date")
    public String contractStart;
    @XmlElement(name = "contact")
    public List<SoapContact> contacts = new ArrayList<>();
    @XmlElement(name = "expectation")
    public List<SoapExpectation> expectations = new ArrayList<>();
    @XmlElement(name = "promise")
    public List<SoapHandedPromise> promises = new ArrayList<>();
    public SoapNotes notes;
}
