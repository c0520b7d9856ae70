package org.omotenashi.promises.internal.soap;

/** One fact of a history step, e.g. newDueAt or owner. */
public class SoapDetail {
    public String name;
    public String value;
}
