package org.omotenashi.connector.spi;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One installation of a facility system, as the connector engine sees it. The engine calls it from one thread
 * at a time per instance; every call may block for at most the configured timeout.
 */
@ConsumerType
public interface FacilityConnector {
    /** The product, as people call it: {@code TOPdesk}, {@code Maximo}. */
    String system();

    /**
     * Work items changed at or after the cursor, oldest first, ordered by ({@link WorkItem#changedAt()},
     * {@link WorkItem#externalId()}), leaving out those at or before the cursor's position. At most
     * {@code limit} items; {@link ChangePage#more()} says whether the system holds more.
     */
    ChangePage changedSince(ChangeCursor cursor, int limit) throws FacilitySystemException;

    /** One work item as it is now; empty when the system does not know it (any more). */
    Optional<WorkItem> read(String externalId) throws FacilitySystemException;

    /**
     * Writes a short note onto the item (a TOPdesk action, a Maximo worklog). When {@link StatusNote#retry()} is
     * set, an earlier attempt may have reached the system: the connector then looks for the note's
     * {@link StatusNote#marker()} on the item and writes nothing if it is there.
     */
    void writeBack(StatusNote note) throws FacilitySystemException;
}
