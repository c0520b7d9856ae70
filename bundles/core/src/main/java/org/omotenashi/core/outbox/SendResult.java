package org.omotenashi.core.outbox;

/**
 * What one attempt came to: accepted, failed (retried later), or refused for good (no retry can cure it, such
 * as a promise that is already kept); with the other side's status code where there was one.
 */
public record SendResult(boolean delivered, Integer statusCode, String error, boolean permanent) {
    public static SendResult ok(Integer statusCode) {
        return new SendResult(true, statusCode, null, false);
    }

    public static SendResult failed(Integer statusCode, String error) {
        return new SendResult(false, statusCode, error, false);
    }

    public static SendResult refused(String error) {
        return new SendResult(false, null, error, true);
    }
}
