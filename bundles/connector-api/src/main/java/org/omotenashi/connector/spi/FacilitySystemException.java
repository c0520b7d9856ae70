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

    public Integer statusCode() {
        return statusCode;
    }

    public boolean retryable() {
        return retryable;
    }
}
