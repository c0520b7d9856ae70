package org.omotenashi.connector.internal;

/**
 * The item could not be applied now, for a reason that passes (the promise tracker is not installed, the
 * database failed): the poll stops before the item, so its cursor never passes what was not applied.
 */
final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
