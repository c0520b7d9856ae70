package org.omotenashi.handover.api;

/** How much an expectation matters to the customer, in their own judgement. */
public enum Importance {
    MUST, SHOULD, NICE
}
