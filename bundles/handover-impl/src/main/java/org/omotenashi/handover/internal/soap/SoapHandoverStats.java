package org.omotenashi.handover.internal.soap;

import java.util.ArrayList;
import java.util.List;
import javax.xml.bind.annotation.XmlSchemaType;

/** Figures over the handovers submitted in a period. */
public class SoapHandoverStats {
    @XmlSchemaType(name = "dateTime")
    public String from;
    @XmlSchemaType(name = "dateTime")
    public String to;
    public long submitted;
    public long returned;
    public Double shareReturned;
    public List<SoapTeamAckTimes> ackTimes = new ArrayList<>();
    public long promisesJudged;
    public Double sharePromisesKept;
    public String note;
}
