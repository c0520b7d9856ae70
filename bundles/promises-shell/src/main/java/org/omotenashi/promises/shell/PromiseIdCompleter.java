package org.omotenashi.promises.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseQuery;
import org.omotenashi.promises.api.PromiseStatus;
import org.omotenashi.promises.api.PromiseTracker;

/** Completes the ids of promises that can still be kept: open and broken ones, soonest due first. */
@Service
public class PromiseIdCompleter implements Completer {
    @Reference
    private PromiseTracker tracker;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        for (PromiseStatus status : List.of(PromiseStatus.OPEN, PromiseStatus.BROKEN)) {
            for (Promise p : tracker.list(new PromiseQuery(status, null, null, null, null, 100, null)).items()) {
                ids.getStrings().add(p.id());
            }
        }
        return ids.complete(session, commandLine, candidates);
    }
}
