package org.omotenashi.promises.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseTracker;

/** promise:keep — records that a promise was kept, with what shows it. */
@Service
@Command(scope = "promise", name = "keep", description = "Marks a promise kept")
public class KeepPromise implements Action {
    @Reference
    private PromiseTracker tracker;

    @Argument(index = 0, name = "id", required = true, description = "The promise id")
    @Completion(PromiseIdCompleter.class)
    private String id;

    @Argument(index = 1, name = "evidence", description = "What shows it was kept, e.g. a work order number")
    private String evidence;

    @Override
    public Object execute() {
        try {
            Promise kept = tracker.keep(id, evidence, null, ShellUser.name());
            System.out.println("Promise " + kept.id() + " is now " + kept.status() + ".");
        } catch (ProblemException e) {
            System.err.println(e.title() + ": " + e.detail());
        }
        return null;
    }
}
