package org.omotenashi.escalation.api;

/** What an escalation does when it enters a level. */
public enum ActionType {
    /** An email to the level's recipients (or the action's own). */
    NOTIFY,
    /** A signed HTTP POST (Standard Webhooks) to a configured URL. */
    WEBHOOK,
    /** Hands the promise concerned to another owner. */
    REASSIGN,
    /** Raises the subject's escalation that is already open one level, instead of opening another. */
    RAISE
}
