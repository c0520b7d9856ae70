package org.omotenashi.connector.shell;

import java.util.Comparator;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.omotenashi.connector.api.Connector;
import org.omotenashi.connector.api.ConnectorStatus;

/** connector:list — every connector instance with its state, cursor, counts and backlog. */
@Service
@Command(scope = "connector", name = "list", description = "Lists the connectors to facility systems and how they are doing")
public class ListConnectors implements Action {
    @Reference(optional = true)
    private List<Connector> connectors;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Type");
        table.column("State");
        table.column("Since");
        table.column("Cursor");
        table.column("Seen");
        table.column("Applied");
        table.column("Waiting");
        table.column("Backlog");
        table.column("Failed");
        table.column("Last error").maxSize(60);
        List<Connector> all = connectors == null ? List.of() : connectors;
        all.stream().map(Connector::status).sorted(Comparator.comparing(ConnectorStatus::name)).forEach(s ->
                table.addRow().addContent(s.name(), s.type(), s.state(), s.since(),
                        s.cursorChangedAt() + (s.cursorLastId().isEmpty() ? "" : " " + s.cursorLastId()), s.itemsSeen(),
                        s.itemsApplied(), s.waiting(), s.outboxBacklog(), s.writeBacksFailed(), s.lastError() == null ? "" : s.lastError()));
        table.print(System.out);
        return null;
    }
}
