package org.omotenashi.survey.api;

import java.time.Instant;

/** A customer who recommends us (NPS 9–10): someone to ask for a reference or a testimonial. */
public record Ambassador(String customerId, int nps, Instant answeredAt, Subject subject) {
}
