package org.omotenashi.escalation.internal;

import org.omotenashi.escalation.api.Delivery;

/** Delivers one kind of outbox row: mail, webhook or reassignment. */
interface DeliveryChannel {
    /** What one attempt came to: accepted, or an error with the HTTP status if there was one. */
    record Result(boolean delivered, Integer statusCode, String error, boolean permanent) {
        static Result ok(Integer statusCode) {
            return new Result(true, statusCode, null, false);
        }

        static Result failed(Integer statusCode, String error) {
            return new Result(false, statusCode, error, false);
        }

        /** A failure no retry can cure, such as a promise that is already kept. */
        static Result refused(String error) {
            return new Result(false, null, error, true);
        }
    }

    Result send(Delivery delivery, String secret);
}
