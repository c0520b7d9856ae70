package org.omotenashi.escalation.internal.soap;

import java.util.ArrayList;
import java.util.List;

/** One page of escalations and the cursor of the next page, absent on the last. */
public class SoapEscalationPage {
    public List<SoapEscalation> escalation = new ArrayList<>();
    public String next;
}
