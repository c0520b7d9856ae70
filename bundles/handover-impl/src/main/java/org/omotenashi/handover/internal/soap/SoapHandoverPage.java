package org.omotenashi.handover.internal.soap;

import java.util.ArrayList;
import java.util.List;

/** One page of handovers and the cursor of the next page, absent on the last. */
public class SoapHandoverPage {
    public List<SoapHandover> handover = new ArrayList<>();
    public String next;
}
