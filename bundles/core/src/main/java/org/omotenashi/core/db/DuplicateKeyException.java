package org.omotenashi.core.db;

import java.sql.SQLException;

/**
 * The database refused a row because a unique key already holds it: usually a concurrent request that
 * won the race, which the caller answers as that request's refusal (or its replay) would have.
 */
public class DuplicateKeyException extends StorageException {
    private static final long serialVersionUID = 1L;

    public DuplicateKeyException(SQLException cause) {
        super(cause);
    }
}
