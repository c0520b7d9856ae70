package org.omotenashi.core.db;

/** The database failed: the caller's request was fine, so this is a 500 (or 503), never a 4xx. */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(Throwable cause) {
        super("storage failed: " + cause.getMessage(), cause);
    }
}
