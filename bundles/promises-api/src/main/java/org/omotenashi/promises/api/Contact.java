package org.omotenashi.promises.api;

/**
 * The person a promise was made to, as far as known: name, e-mail, phone, and the language to address them in
 * ({@code nl} or {@code en}). Survey invitations after the promise go to this e-mail address.
 */
public record Contact(String name, String email, String phone, String language) {
    public static final String DUTCH = "nl";
    public static final String ENGLISH = "en";
}
