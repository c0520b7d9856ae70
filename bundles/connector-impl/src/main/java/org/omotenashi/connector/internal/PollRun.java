package org.omotenashi.connector.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

import org.omotenashi.connector.api.SyncResult;
import org.omotenashi.connector.spi.ChangeCursor;
import org.omotenashi.connector.spi.ChangePage;
import org.omotenashi.connector.spi.FacilityConnector;
import org.omotenashi.connector.spi.FacilitySystemException;
import org.omotenashi.connector.spi.WorkItem;
import org.omotenashi.core.db.Transactions;

/**
 * One reconciliation poll: pages through what the system changed since the cursor and applies the items of each
 * page in order, moving the cursor past them only in the transaction that records them. The first item that
 * cannot be applied stops the poll right there, so nothing after it is passed; the next poll starts again from it.
 */
final class PollRun {
    private final DataSource dataSource;
    private final Clock clock;
    private final ItemApplier applier;
    private final ConnectorStore store = new ConnectorStore();

    PollRun(DataSource dataSource, Clock clock, ItemApplier applier) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.applier = applier;
    }

    /**
     * @param maxItems after this many items the poll pauses (complete = false, no error), so webhooks waiting for
     *                 the same worker get their turn; the caller runs it again at once
     */
    SyncResult run(String instance, FacilityConnector connector, OwnerMapping owners, int pageSize, int maxItems) {
        long started = System.nanoTime();
        ChangeCursor cursor = Transactions.read(dataSource, c -> store.position(c, instance)).cursor();
        int seen = 0;
        int applied = 0;
        String error = null;
        boolean complete = false;
        try {
            while (true) {
                ChangePage page = connector.changedSince(cursor, pageSize);
                ChangeCursor from = cursor;
                List<WorkItem> fresh = page.items().stream().filter(from::isBefore).toList();
                boolean moved = !fresh.isEmpty();
                if (moved) {
                    ItemApplier.Applied done = applier.applyInOrder(fresh, instance, connector.system(), owners, true);
                    seen += done.outcomes().size();
                    applied += done.changed();
                    if (!done.outcomes().isEmpty()) {
                        cursor = ChangeCursor.after(fresh.get(done.outcomes().size() - 1));
                    }
                    if (done.failure() != null) {
                        throw done.failure();
                    }
                }
                if (!page.more()) {
                    complete = true;
                    break;
                }
                if (!moved) {
                    error = connector.system() + " reported more changes but none after the cursor at "
                            + cursor.changedAt() + "; paging is stuck";
                    break;
                }
                if (seen >= maxItems) {
                    break;
                }
            }
        } catch (FacilitySystemException e) {
            error = connector.system() + ": " + e.getMessage();
        } catch (Unavailable e) {
            error = e.getMessage();
        }
        Instant end = clock.instant();
        if (complete) {
            Transactions.inTransaction(dataSource, c -> {
                store.advance(c, instance, null, 0, 0, end);
                return null;
            });
        }
        return new SyncResult(instance, seen, applied, complete, error, (System.nanoTime() - started) / 1e6);
    }
}
