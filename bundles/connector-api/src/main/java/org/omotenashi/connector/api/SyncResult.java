package org.omotenashi.connector.api;

/**
 * What one poll did.
 *
 * @param instance the connector
 * @param seen     items read from the system
 * @param applied  items whose change altered a promise or the connector's own record
 * @param complete whether the poll reached the end of what the system had; false when an error stopped it
 *                 (then {@code error} says why), or, without error, when it is still going on by itself (a long
 *                 catch-up outlasts the caller's wait; the counts then cover only what was done by then)
 * @param error    what stopped it, or null
 * @param millis   how long it took
 */
public record SyncResult(String instance, int seen, int applied, boolean complete, String error, double millis) {
}
