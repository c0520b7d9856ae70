package org.omotenashi.handover.api;

/**
 * A person at the customer whom service can reach; only the name is required. {@code language} ({@code nl} or
 * {@code en}) is how to address them; {@code primary} marks the one the customer's promises and surveys go to
 * (without a mark, the first contact is the primary one).
 */
public record Contact(String name, String role, String email, String phone, String language, Boolean primary) {
    public static final String DUTCH = "nl";
    public static final String ENGLISH = "en";

    /** A contact without language or mark, as before they were recorded. */
    public Contact(String name, String role, String email, String phone) {
        this(name, role, email, phone, null, null);
    }

    public boolean markedPrimary() {
        return Boolean.TRUE.equals(primary);
    }

    /** The contact marked primary, else the first one; null when there is none. */
    public static Contact primaryOf(java.util.List<Contact> contacts) {
        return contacts.stream().filter(Contact::markedPrimary).findFirst().orElse(contacts.isEmpty() ? null : contacts.get(0));
    }
}
