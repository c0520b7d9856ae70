package org.omotenashi.escalation.internal;

import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.omotenashi.core.json.Json;
import org.omotenashi.core.outbox.OutboxChannel;
import org.omotenashi.core.outbox.OutboxDelivery;
import org.omotenashi.core.outbox.SendResult;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.promises.api.PromiseTracker;

/** Hands a promise to its new owner through the tracker, when the promises module is installed. */
final class ReassignChannel implements OutboxChannel {
    private final Supplier<PromiseTracker> tracker;

    ReassignChannel(Supplier<PromiseTracker> tracker) {
        this.tracker = tracker;
    }

    @Override
    public SendResult send(OutboxDelivery delivery, String secret) {
        PromiseTracker promises = tracker.get();
        if (promises == null) {
            return SendResult.failed(null, "the promise tracker is not available");
        }
        try {
            JsonNode body = Json.mapper().readTree(delivery.payload());
            promises.reassign(body.get("promiseId").asText(), body.get("owner").asText(), body.get("reason").asText(),
                    null, "escalation");
            return SendResult.ok(null);
        } catch (ProblemException e) {
            // 404 or 409: the promise is gone or settled; retrying will not change that.
            return e.status() >= 500 ? SendResult.failed(e.status(), e.getMessage()) : SendResult.refused(e.status() + " " + e.getMessage());
        } catch (java.io.IOException e) {
            return SendResult.refused("unreadable payload: " + e.getMessage());
        }
    }
}
