package org.omotenashi.connector.spi;

/**
 * Somebody a work item names: the customer (a caller, a branch, a site) or the owner (an operator or a group).
 *
 * @param kind what the system calls it, e.g. {@code branch}, {@code site}, {@code operatorGroup}, {@code lead}
 * @param id   the system's identifier, stable across renames
 * @param name the name people see
 */
public record Party(String kind, String id, String name) {
}
