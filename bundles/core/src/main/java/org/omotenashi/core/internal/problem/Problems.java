package org.omotenashi.core.internal.problem;

import static org.omotenashi.core.internal.problem.Causes.causeOfType;

import java.util.UUID;
import javax.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.core.JacksonException;
import org.omotenashi.core.db.StorageException;
import org.omotenashi.core.json.JsonBodies;
import org.omotenashi.core.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The problem a failure comes to, for REST and SOAP alike: the caller's mistakes keep their status and say
 * what to fix; anything else is logged with a reference and answered without internals.
 */
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    /** The problem a failure carries or the JSON the caller sent was: null when it is none of the caller's doing. */
    public static ProblemException known(Throwable failure) {
        ProblemException problem = causeOfType(failure, ProblemException.class);
        if (problem != null) {
            return problem;
        }
        return JsonBodies.refusal(causeOfType(failure, JacksonException.class));
    }

    /**
     * The answer to a failure of ours, logged: for storage, what {@link StorageProblems} may truthfully say
     * (503 "nothing was changed", or an unknown outcome); 500 otherwise.
     *
     * @param request the HTTP request, to tell whether it stored anything before storage failed; may be null
     */
    public static ProblemException unexpected(Throwable failure, HttpServletRequest request) {
        StorageException storage = causeOfType(failure, StorageException.class);
        if (storage != null) {
            return StorageProblems.of(storage, request);
        }
        String reference = UUID.randomUUID().toString();
        LOG.error("Unexpected failure, reference {}", reference, failure);
        return new ProblemException(500, "Internal error", "Something went wrong on our side. Reference " + reference + ".");
    }

    /** {@link #known} if it is the caller's, else {@link #unexpected}. */
    public static ProblemException of(Throwable failure, HttpServletRequest request) {
        ProblemException known = known(failure);
        return known != null ? known : unexpected(failure, request);
    }
}
