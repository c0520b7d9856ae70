package org.omotenashi.core.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * What a module hands to its outbox: which of its channels sends it, to where, with what. The outbox stores
 * {@code secret} as given and never lists it: seal it before enqueuing and open it in the channel.
 *
 * @param channel   the name of the module's channel that sends it, e.g. {@code WEBHOOK}
 * @param reference what the delivery is about in the module's terms, e.g. an escalation or ticket id
 * @param target    where it goes (an address, a URL, a system's id); shown in the delivery log
 * @param payload   the body the channel sends
 * @param notBefore the first moment it may be sent; null for at once
 * @param secret    a credential for the channel, or null
 */
public record OutboxMessage(String channel, String reference, String target, String payload, Instant notBefore,
                            String secret) {
    public OutboxMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(payload, "payload");
    }
}
