package org.omotenashi.core.model;

import java.time.Instant;

/** A half-open span of time {@code [from, to)} that figures are computed over. */
public record Period(Instant from, Instant to) {
}
