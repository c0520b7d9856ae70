package org.omotenashi.core.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.omotenashi.core.events.ConsumerState;
import org.omotenashi.core.events.EventLog;

/** event:lag — each consumer's position against the head of the log. */
@Service
@Command(scope = "event", name = "lag", description = "Shows how far each consumer of the event log is behind its head")
public class ConsumerLag implements Action {
    @Reference
    private EventLog log;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Consumer");
        table.column("Position");
        table.column("Head");
        table.column("Lag");
        table.column("Reading here");
        table.column("Handled");
        table.column("Set aside");
        table.column("Moved at");
        table.column("Last error").maxSize(60);
        for (ConsumerState c : log.consumers()) {
            table.addRow().addContent(c.consumer(), c.position(), c.head(), c.lag(), c.active() ? "yes" : "no",
                    c.handled(), c.setAside(), c.updatedAt(), c.lastError() == null ? "" : c.lastError());
        }
        table.print(System.out);
        return null;
    }
}
