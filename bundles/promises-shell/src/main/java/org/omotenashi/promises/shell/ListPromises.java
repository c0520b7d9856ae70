package org.omotenashi.promises.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.omotenashi.promises.api.PromiseQuery;
import org.omotenashi.promises.api.PromiseStatus;
import org.omotenashi.promises.api.PromiseTracker;

/** promise:list — promises by due date, filtered like the REST list. */
@Service
@Command(scope = "promise", name = "list", description = "Lists promises by due date")
public class ListPromises implements Action {
    @Reference
    private PromiseTracker tracker;

    @Option(name = "--status", description = "OPEN, KEPT, BROKEN, KEPT_LATE or CANCELLED")
    private PromiseStatus status;

    @Option(name = "--customer", description = "Only this customer's promises")
    private String customer;

    @Option(name = "--owner", description = "Only promises this person or team owns")
    private String owner;

    @Option(name = "--limit", description = "At most this many (1-500)")
    private int limit = 50;

    @Override
    public Object execute() {
        PromiseTable.print(tracker.list(new PromiseQuery(status, customer, owner, null, null,
                Math.max(1, Math.min(500, limit)), null)).items(), System.out);
        return null;
    }
}
