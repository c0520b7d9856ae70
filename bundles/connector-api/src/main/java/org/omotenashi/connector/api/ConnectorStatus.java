package org.omotenashi.connector.api;

import java.time.Instant;

/**
 * A connector instance at a glance.
 *
 * @param name            the instance
 * @param type            the kind of system it talks to, e.g. {@code topdesk}
 * @param system          the product's name as the adapter reports it, or null while no adapter is there
 * @param state           OK, DEGRADED or STOPPED
 * @param lastError       why it is DEGRADED or STOPPED, or null
 * @param since           since when it has been in this state
 * @param cursorChangedAt the change time of the last item the poll applied (epoch when nothing yet)
 * @param cursorLastId    that item's external id
 * @param itemsSeen       items read from the system since the instance was first configured
 * @param itemsApplied    items whose change altered a promise or the connector's own record
 * @param waiting         open items waiting for a target date before they become promises
 * @param outboxBacklog   notes waiting to be written back
 * @param lastSyncAt      when the last poll ended, or null
 * @param nextSyncAt      when the next poll is due by the suite's clock, or null when stopped
 * @param writeBack       whether promise changes are written back to the system
 * @param writeBacksFailed notes given up on after retrying (FAILED in the write-back log)
 */
public record ConnectorStatus(String name, String type, String system, ConnectorState state, String lastError,
                              Instant since, Instant cursorChangedAt, String cursorLastId, long itemsSeen,
                              long itemsApplied, long waiting, long outboxBacklog, Instant lastSyncAt,
                              Instant nextSyncAt, boolean writeBack, long writeBacksFailed) {
    /** As before write-backs given up were counted: none. */
    public ConnectorStatus(String name, String type, String system, ConnectorState state, String lastError,
                           Instant since, Instant cursorChangedAt, String cursorLastId, long itemsSeen,
                           long itemsApplied, long waiting, long outboxBacklog, Instant lastSyncAt,
                           Instant nextSyncAt, boolean writeBack) {
        this(name, type, system, state, lastError, since, cursorChangedAt, cursorLastId, itemsSeen, itemsApplied,
                waiting, outboxBacklog, lastSyncAt, nextSyncAt, writeBack, 0);
    }
}
