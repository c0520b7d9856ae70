package org.omotenashi.promises.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.omotenashi.promises.api.PromiseQuery;
import org.omotenashi.promises.api.PromiseStatus;
import org.omotenashi.promises.api.PromiseTracker;

/** promise:overdue — broken promises that nobody has kept or cancelled yet, oldest first. */
@Service
@Command(scope = "promise", name = "overdue", description = "Lists broken promises still waiting, oldest first")
public class OverduePromises implements Action {
    @Reference
    private PromiseTracker tracker;

    @Option(name = "--owner", description = "Only promises this person or team owns")
    private String owner;

    @Override
    public Object execute() {
        PromiseTable.print(tracker.list(new PromiseQuery(PromiseStatus.BROKEN, null, owner, null, null, 500, null))
                .items(), System.out);
        return null;
    }
}
