package org.omotenashi.promises.api;

/** How the promise was made to the customer. */
public enum Channel {
    PHONE, EMAIL, VISIT, SALES, FM_SYSTEM, OTHER
}
