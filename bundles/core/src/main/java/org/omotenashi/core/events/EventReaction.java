package org.omotenashi.core.events;

import java.sql.Connection;
import java.sql.SQLException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * How a module reacts to one event of the log. It runs in the transaction that also moves the consumer's
 * position past the event: what it writes on {@code transaction} commits together with "handled", or not at
 * all, so each event is handled exactly once. It must not commit or close the connection. Anything it throws
 * rolls the reaction back; the event is offered again later.
 */
@ConsumerType
@FunctionalInterface
public interface EventReaction {
    void react(Connection transaction, DomainEvent event) throws SQLException;
}
