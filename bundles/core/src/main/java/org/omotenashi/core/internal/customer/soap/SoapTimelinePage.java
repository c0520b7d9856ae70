package org.omotenashi.core.internal.customer.soap;

import java.util.ArrayList;
import java.util.List;

/** A page of a customer's timeline, newest first, and the cursor of the next page (absent on the last). */
public class SoapTimelinePage {
    public List<SoapTimelineEntry> entry = new ArrayList<>();
    public String next;
}
