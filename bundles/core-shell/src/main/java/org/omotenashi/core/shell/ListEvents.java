package org.omotenashi.core.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.omotenashi.core.events.DomainEvent;
import org.omotenashi.core.events.EventFilter;
import org.omotenashi.core.events.EventLog;

/** event:list — the newest events of the durable log, by topic or customer. */
@Service
@Command(scope = "event", name = "list", description = "Lists the newest events of the durable event log")
public class ListEvents implements Action {
    @Reference
    private EventLog log;

    @Option(name = "--topic", description = "Only this topic; a trailing * matches the rest, e.g. omotenashi/promise/*")
    private String topic;

    @Option(name = "--customer", description = "Only events of this customer")
    private String customer;

    @Option(name = "--before", description = "Only events before this position (the next page)")
    private Long before;

    @Option(name = "--limit", description = "At most this many (1-500)")
    private int limit = 20;

    @Option(name = "--properties", description = "Show each event's properties")
    private boolean properties;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Position");
        table.column("At");
        table.column("Topic");
        table.column("Customer");
        table.column(properties ? "Properties" : "Id").maxSize(properties ? 120 : 36);
        for (DomainEvent e : log.list(new EventFilter(blank(topic), blank(customer), before,
                Math.max(1, Math.min(EventFilter.MAX_LIMIT, limit))))) {
            table.addRow().addContent(e.position(), e.at(), e.topic(), e.customerId() == null ? "" : e.customerId(),
                    properties ? e.properties() : e.id());
        }
        table.print(System.out);
        return null;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
