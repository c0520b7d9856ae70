package org.omotenashi.core.outbox;

import org.osgi.annotation.versioning.ConsumerType;

/** Sends one kind of a module's deliveries: mail, a webhook, a call to a facility system. */
@ConsumerType
public interface OutboxChannel {
    /**
     * One attempt. A thrown exception counts as a failed attempt, retried like any other.
     *
     * @param secret the secret the delivery was enqueued with, as stored (sealed, if the module sealed it), or null
     */
    SendResult send(OutboxDelivery delivery, String secret);
}
