package org.omotenashi.handover.internal.soap;

/** What service should know about the person and the site. */
public class SoapNotes {
    public String preferences;
    public String access;
    public String sensitivities;
}
