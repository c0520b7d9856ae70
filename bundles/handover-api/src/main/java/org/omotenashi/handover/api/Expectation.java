package org.omotenashi.handover.api;

/** What the customer expects, in the customer's own words, and how much it matters to them. */
public record Expectation(String text, Importance importance) {
}
