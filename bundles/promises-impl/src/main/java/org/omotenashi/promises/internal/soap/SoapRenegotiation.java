package org.omotenashi.promises.internal.soap;

/** A due date agreed anew with the customer. */
public class SoapRenegotiation {
    public String previousDueAt;
    public String newDueAt;
    public String reason;
    public String at;
    public String by;
}
