package org.omotenashi.core.internal.problem;

import java.util.UUID;
import javax.servlet.http.HttpServletRequest;

import org.omotenashi.core.db.OutcomeUnknownException;
import org.omotenashi.core.db.StorageException;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.problem.ProblemException;

/**
 * What a storage failure tells the caller, the same for REST and SOAP. "Nothing was changed" is only
 * said when it is true: not when the database left a commit unconfirmed, and not when an earlier
 * transaction of the same request had already been committed.
 */
public final class StorageProblems {
    /** Request attribute: {@link Transactions#commitsOnThisThread()} when the request came in. */
    public static final String COMMITS_AT_START = "org.omotenashi.commitsAtStart";
    /** Problem type of an answer whose effect is unknown; README documents it. */
    public static final String OUTCOME_UNKNOWN = "urn:omotenashi:problem:outcome-unknown";

    private static final RepeatedFailureLog LOG = new RepeatedFailureLog(StorageProblems.class);

    private StorageProblems() {
    }

    /** Notes where the request starts, so a failure can tell whether this request stored anything. */
    public static void requestStarts(HttpServletRequest request) {
        request.setAttribute(COMMITS_AT_START, Transactions.commitsOnThisThread());
    }

    public static ProblemException of(StorageException failure, HttpServletRequest request) {
        String reference = UUID.randomUUID().toString();
        LOG.failed(reference, failure);
        if (failure instanceof OutcomeUnknownException) {
            return new ProblemException(OUTCOME_UNKNOWN, 500, "Outcome unknown",
                    "The database did not confirm the change, so it may or may not be stored. Look it up before"
                            + " repeating it, or repeat it with the same Idempotency-Key. Reference " + reference + ".",
                    java.util.List.of());
        }
        if (storedEarlier(request)) {
            return new ProblemException(OUTCOME_UNKNOWN, 500, "Outcome unknown",
                    "Part of this request was stored before storage failed. Look up the result before repeating it."
                            + " Reference " + reference + ".", java.util.List.of());
        }
        return new ProblemException(503, "Storage unavailable",
                "The request could not be stored; nothing was changed. Try again. Reference " + reference + ".");
    }

    private static boolean storedEarlier(HttpServletRequest request) {
        Object atStart = request == null ? null : request.getAttribute(COMMITS_AT_START);
        // Without a starting point nothing can be promised either way.
        return !(atStart instanceof Long start) || Transactions.commitsOnThisThread() > start;
    }
}
