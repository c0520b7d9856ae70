package org.omotenashi.promises.api;

/** What to group promise figures by. */
public enum StatsGroup {
    OWNER, CUSTOMER, NONE
}
