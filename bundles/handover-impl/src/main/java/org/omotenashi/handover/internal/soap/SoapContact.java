package org.omotenashi.handover.internal.soap;

/** A person at the customer whom service can reach. */
public class SoapContact {
    public String name;
    public String role;
    public String email;
    public String phone;
}
