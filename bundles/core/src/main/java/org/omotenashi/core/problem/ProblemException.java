package org.omotenashi.core.problem;

import java.util.List;

/**
 * A failure the caller can act on, carrying what RFC 9457 needs; the REST layer renders it as
 * {@code application/problem+json}, the SOAP layer as a fault.
 */
public class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The type of a problem that needs no more explanation than its status and title (RFC 9457, 4.2.1). */
    public static final String UNTYPED = "about:blank";

    private final String type;
    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final int retryAfter;

    public ProblemException(int status, String title, String detail, List<FieldError> errors) {
        this(UNTYPED, status, title, detail, errors);
    }

    /** @param type a URI naming a kind of problem that clients must tell apart from others of its status */
    public ProblemException(String type, int status, String title, String detail, List<FieldError> errors) {
        this(type, status, title, detail, errors, 1);
    }

    private ProblemException(String type, int status, String title, String detail, List<FieldError> errors, int retryAfter) {
        super(detail);
        this.type = type;
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfter = Math.max(1, retryAfter);
    }

    /** 503: the work cannot be taken on now; worth asking again after {@code retryAfterSeconds} (at least 1). */
    public static ProblemException unavailable(String title, String detail, int retryAfterSeconds) {
        return new ProblemException(UNTYPED, 503, title, detail, List.of(), retryAfterSeconds);
    }

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(400, "Invalid request",
                errors.size() == 1 ? "One field is invalid." : errors.size() + " fields are invalid.", errors);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, "Not found", "No " + what + " with id " + id + ".");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException staleVersion(long current) {
        return new ProblemException(412, "Precondition failed",
                "The resource has changed; its current version is " + current + ". Fetch it again and retry.");
    }

    public static ProblemException unauthorized() {
        return new ProblemException(401, "Unauthorized", "Valid credentials are required.");
    }

    public static ProblemException forbidden() {
        return new ProblemException(403, "Forbidden", "Your role does not allow this operation.");
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** For a 503, the seconds after which asking again is worth it (REST: {@code Retry-After}); at least 1. */
    public int retryAfterSeconds() {
        return retryAfter;
    }

    /** A problem carries no useful stack: it is an answer, not a crash. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
