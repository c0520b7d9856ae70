package org.omotenashi.core.db;

import java.sql.SQLException;

/**
 * The database was asked to commit and neither confirmed nor refused it: the change may or may not be
 * stored. Callers are told exactly that, never "nothing was changed".
 */
public class OutcomeUnknownException extends StorageException {
    private static final long serialVersionUID = 1L;

    public OutcomeUnknownException(SQLException cause) {
        super(cause);
    }
}
