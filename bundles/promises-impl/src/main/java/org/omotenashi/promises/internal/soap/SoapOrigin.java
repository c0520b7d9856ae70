package org.omotenashi.promises.internal.soap;

/** Where a promise came from. */
public class SoapOrigin {
    public String type;
    public String ref;
}
