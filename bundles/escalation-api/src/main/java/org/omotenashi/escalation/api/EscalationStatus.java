package org.omotenashi.escalation.api;

/** Where an escalation stands; only RESOLVED lets the same rule open another for the same subject. */
public enum EscalationStatus {
    /** Raised and waiting for someone to take it; moves up a level when not acknowledged in time. */
    OPEN,
    /** Someone took it; it no longer moves up. */
    ACKNOWLEDGED,
    /** Dealt with. */
    RESOLVED
}
