package org.omotenashi.handover.internal.soap;

/** A promise made during the sale; promiseId is the promise tracker's id once registered. */
public class SoapHandedPromise {
    public String description;
    public String dueAt;
    public String promiseId;
}
