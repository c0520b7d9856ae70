package org.omotenashi.handover.api;

/**
 * What service should know about the person and the site beyond the contract: preferences of the
 * people, how to get in (access), and what to be careful about (sensitivities). Every field is optional.
 */
public record CustomerNotes(String preferences, String access, String sensitivities) {
}
