package org.omotenashi.handover.api;

/** A person at the customer whom service can reach; only the name is required. */
public record Contact(String name, String role, String email, String phone) {
}
