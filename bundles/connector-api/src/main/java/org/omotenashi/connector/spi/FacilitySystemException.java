package org.omotenashi.connector.spi;

/**
 * A call to the facility system failed. The message says what happened in words an operator can act on, and
 * never contains credentials.
 */
public class FacilitySystemException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Integer statusCode;
    private final boolean retryable;

    /**
     * @param statusCode the HTTP status the system answered, or null when none came (timeout, refused connection)
     * @param retryable  whether the same call may succeed later (the system down, overloaded or slow); false
     *                   when only a change of configuration or data can help (refused credentials, a bad request)
     */
    public FacilitySystemException(String message, Integer statusCode, boolean retryable, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.retryable = retryable;
    }

    public FacilitySystemException(String message, Integer statusCode, boolean retryable) {
        this(message, statusCode, retryable, null);
    }

    /**
     * An HTTP answer that is not a success: retryable when the system is unavailable, overloaded or slow
     * (408, 425, 429, 5xx), not when it refuses the request or the credentials.
     *
     * @param detail what the system said about it, already free of secrets; may be null
     */
    public static FacilitySystemException forStatus(String what, int status, String detail) {
        boolean retryable = status == 408 || status == 425 || status == 429 || status >= 500;
        String hint = switch (status) {
            case 401 -> ": the credentials were refused; check the account and its password or API key";
            case 403 -> ": the account may not do this; check its permissions";
            case 404 -> ": not found; check baseUrl";
            default -> "";
        };
        return new FacilitySystemException(what + " answered HTTP " + status + hint
                + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"), status, retryable);
    }

    /** No answer at all: a refused or dropped connection, a timeout. Always retryable. */
    public static FacilitySystemException unreachable(String what, java.io.IOException cause) {
        String kind = cause instanceof java.net.http.HttpTimeoutException ? "did not answer in time"
                : cause instanceof java.net.ConnectException ? "refused the connection" : "could not be reached";
        return new FacilitySystemException(what + " " + kind + " (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")", null, true, cause);
    }

    public Integer statusCode() {
        return statusCode;
    }

    public boolean retryable() {
        return retryable;
    }
}
