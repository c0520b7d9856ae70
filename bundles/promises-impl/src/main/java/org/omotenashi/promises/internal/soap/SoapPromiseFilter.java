package org.omotenashi.promises.internal.soap;

/** Which promises to list; every field is optional. */
public class SoapPromiseFilter {
    public String status;
    public String customerId;
    public String owner;
    public String dueBefore;
    public String dueAfter;
    public Integer limit;
    public String cursor;
}
