package org.omotenashi.connector.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * How to reach one installation. The secrets come from the instance's configuration only; {@link #toString()}
 * never shows them, so settings can be logged.
 *
 * @param instance the instance's name, which is also the system name stored with its items
 * @param baseUrl  the installation's address, e.g. {@code https://example.topdesk.net}
 * @param username the account the connector logs in with, where the system uses one
 * @param password that account's password (TOPdesk: an application password)
 * @param apiKey   an API key, where the system uses one (Maximo)
 * @param timeout  how long one call may take, connecting included
 * @param options  adapter-specific settings, e.g. which field holds the customer
 */
public record ConnectionSettings(String instance, URI baseUrl, String username, String password, String apiKey,
                                 Duration timeout, Map<String, String> options) {
    public ConnectionSettings {
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** An adapter-specific option, or {@code fallback} when it is not set. */
    public String option(String name, String fallback) {
        String value = options.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    @Override
    public String toString() {
        return "ConnectionSettings[instance=" + instance + ", baseUrl=" + baseUrl + ", username=" + username
                + ", password=" + (password == null ? "none" : "(set)") + ", apiKey=" + (apiKey == null ? "none" : "(set)")
                + ", timeout=" + timeout + ", options=" + options + "]";
    }
}
