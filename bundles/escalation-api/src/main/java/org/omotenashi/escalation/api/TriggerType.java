package org.omotenashi.escalation.api;

/** What makes a rule look at a subject: an event as it is posted, or a schedule looking at the current state. */
public enum TriggerType {
    /** An EventAdmin event whose topic matches the trigger's topic. */
    EVENT,
    /** A condition over current subjects, evaluated on a schedule. */
    TIME
}
