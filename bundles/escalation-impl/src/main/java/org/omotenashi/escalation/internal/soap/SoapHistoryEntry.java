package org.omotenashi.escalation.internal.soap;

/** One step of an escalation's history. */
public class SoapHistoryEntry {
    public String at;
    public String event;
    public int level;
    public String by;
    public String note;
}
