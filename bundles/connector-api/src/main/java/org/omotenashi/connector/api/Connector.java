package org.omotenashi.connector.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One configured connection to one installation of a facility system, registered as a service per instance. It
 * pulls changed work items in, turns them into promises, and writes the promises' fate back. Refusals are
 * {@code ProblemException}s.
 */
@ProviderType
public interface Connector {
    /** The instance's name, unique in the suite; also the origin type of the promises it makes. */
    String name();

    /** Where it stands now. */
    ConnectorStatus status();

    /**
     * Runs the reconciliation poll now, on the instance's own worker, and waits for it: everything the system
     * reported changed since the cursor has been applied, or the error that stopped it is in the result.
     */
    SyncResult sync();

    /**
     * The system said an item changed: read it now and apply it. The same change seen again, by the poll or
     * another call, changes nothing.
     */
    ItemOutcome itemChanged(String externalId);

    /**
     * The same, for a webhook from the system: the notice must carry a valid Standard Webhooks signature made
     * with the instance's secret and a timestamp within five minutes of the suite's clock (else a 401 problem,
     * and nothing is read or changed), and its body must name the item (else a 400 problem).
     */
    ItemOutcome notified(Notice notice);

    /** Items the connector keeps track of with the given status (all when null), most recently changed first. */
    List<TrackedItem> items(TrackedItem.Status status, int limit);

    /** The write-back log: notes sent or waiting to be sent to the system, newest first. */
    List<WriteBack> writeBacks(WriteBack.Status status, int limit);

    /**
     * The write-back log page by page, newest first: {@code cursor} is the {@code next} of the page before, null
     * for the first page; a cursor this instance did not hand out is a 400 problem.
     */
    WriteBackPage writeBacks(WriteBack.Status status, String cursor, int limit);
}
