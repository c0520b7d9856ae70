package org.omotenashi.handover.internal.soap;

/** What the customer expects, in their words, with MUST, SHOULD or NICE. */
public class SoapExpectation {
    public String text;
    public String importance;
}
