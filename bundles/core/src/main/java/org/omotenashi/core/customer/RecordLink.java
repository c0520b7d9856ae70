package org.omotenashi.core.customer;

/** The record a timeline entry is about: its kind, its id and where the API serves it. */
public record RecordLink(String type, String id, String href) {
}
