package org.omotenashi.connector.api;

/**
 * What one poll did.
 *
 * @param instance the connector
 * @param seen     items read from the system
 * @param applied  items whose change altered a promise or the connector's own record
 * @param complete whether the poll reached the end of what the system had; false when an error stopped it
 *                 (then {@code error} says why) or when it paused to let other work in and goes on at once
 * @param error    what stopped it, or null
 * @param millis   how long it took
 */
public record SyncResult(String instance, int seen, int applied, boolean complete, String error, double millis) {
}
