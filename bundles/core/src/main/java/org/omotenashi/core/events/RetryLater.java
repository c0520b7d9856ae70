package org.omotenashi.core.events;

/**
 * Thrown by a reaction that cannot be done now for a reason outside the suite (a mail server that does not
 * answer): the reaction is rolled back and tried again after a pause that grows to a minute, as long as it takes,
 * without counting as a failure that would set the event aside. Events after it wait their turn.
 */
public class RetryLater extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RetryLater(String message, Throwable cause) {
        super(message, cause);
    }
}
