package org.omotenashi.promises.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.omotenashi.promises.api.Contact;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseChange;
import org.omotenashi.promises.api.PromiseTracker;

/** promise:show — one promise: to whom it was made and its history, who did what and why. */
@Service
@Command(scope = "promise", name = "show", description = "Shows a promise, its contact and its history")
public class ShowPromise implements Action {
    @Reference
    private PromiseTracker tracker;

    @Argument(index = 0, name = "id", required = true, description = "The promise id")
    @Completion(PromiseIdCompleter.class)
    private String id;

    @Override
    public Object execute() {
        Promise p = tracker.find(id).orElse(null);
        if (p == null) {
            System.err.println("Not found: there is no promise " + id + ".");
            return null;
        }
        System.out.println(p.description() + " — for " + p.customerId() + ", due " + p.dueAt() + ", " + p.status()
                + ", owned by " + p.owner());
        Contact c = p.contact();
        System.out.println("Made to: " + (c == null ? "(no contact recorded)" : String.join(", ",
                c.name() == null ? "" : c.name(), c.email() == null ? "" : c.email(), c.phone() == null ? "" : c.phone(),
                c.language() == null ? "" : c.language())));
        ShellTable table = new ShellTable();
        table.column("At");
        table.column("What");
        table.column("By");
        table.column("Why").maxSize(60);
        table.column("Details").maxSize(60);
        for (PromiseChange change : p.history() == null ? java.util.List.<PromiseChange>of() : p.history()) {
            table.addRow().addContent(change.at(), change.action(), change.by() == null ? "" : change.by(),
                    change.reason() == null ? "" : change.reason(), change.details());
        }
        table.print(System.out);
        return null;
    }
}
