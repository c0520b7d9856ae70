package org.omotenashi.handover.api;

import java.time.Duration;

/** A submitted handover still waiting for acknowledgement, and how much business time it has waited. */
public record PendingHandover(Handover handover, Duration businessTimeWaiting, boolean overdue) {
}
