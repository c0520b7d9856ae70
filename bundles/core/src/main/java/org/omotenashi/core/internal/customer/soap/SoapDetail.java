package org.omotenashi.core.internal.customer.soap;

/** One fact of a timeline entry, as text. */
public class SoapDetail {
    public String name;
    public String value;
}
