package org.omotenashi.handover.internal.soap;

/** A person at the customer whom service can reach. */
public class SoapContact {
    public String name;
    public String role;
    public String email;
    public String phone;
    /** nl or en: how to address them. */
    public String language;
    /** True for the one contact the customer's promises and surveys go to; at most one. */
    public Boolean primary;
}
