package org.omotenashi.handover.internal.soap;

import java.util.ArrayList;
import java.util.List;

/** One step of a handover's history. */
public class SoapTransition {
    public String from;
    public String to;
    public String by;
    public String at;
    public List<String> question = new ArrayList<>();
    public String comment;
}
