package org.omotenashi.core.events;

import org.osgi.annotation.versioning.ProviderType;

/** A consumer reading the log; closing it stops the reading (its position stays in the database). */
@ProviderType
public interface EventSubscription extends AutoCloseable {
    String consumer();

    /**
     * Reacts now to everything the log holds beyond the consumer's position, on the consumer's own thread, and
     * waits for it; returns how many events it reacted to. Tests and on-demand runs use it instead of waiting.
     */
    int catchUp();

    /** Stops reading; waits for a reaction under way to finish. */
    @Override
    void close();
}
