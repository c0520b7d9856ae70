package org.omotenashi.core.shell;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.omotenashi.core.customer.CustomerJourney;
import org.omotenashi.core.customer.TimelineEntry;

/** customer:timeline — one customer's journey across the installed modules, newest first. */
@Service
@Command(scope = "customer", name = "timeline", description = "Shows a customer's timeline: promises, handovers, surveys "
        + "and escalations, newest first")
public class CustomerTimelineCommand implements Action {
    @Reference
    private CustomerJourney journey;

    @Argument(index = 0, name = "customerId", description = "The customer", required = true)
    private String customerId;

    @Option(name = "--types", description = "Only these, comma separated: sources (promise) or types (survey.answered)")
    private String types;

    @Option(name = "--limit", description = "At most this many (1-200)")
    private int limit = 30;

    @Option(name = "--cursor", description = "The page after this cursor (printed under the previous page)")
    private String cursor;

    @Override
    public Object execute() {
        Set<String> kinds = new LinkedHashSet<>();
        if (types != null) {
            for (String t : types.split(",")) {
                if (!t.isBlank()) {
                    kinds.add(t.strip());
                }
            }
        }
        var page = journey.timeline(customerId, null, null, kinds, Math.max(1, Math.min(CustomerJourney.MAX_LIMIT, limit)),
                cursor);
        ShellTable table = new ShellTable();
        table.column("At");
        table.column("Type");
        table.column("By");
        table.column("What").maxSize(80);
        table.column("Why").maxSize(40);
        table.column("Record");
        List<TimelineEntry> entries = page.items();
        for (TimelineEntry e : entries) {
            table.addRow().addContent(e.at(), e.type(), e.by() == null ? "" : e.by(), e.summary(),
                    e.reason() == null ? "" : e.reason(), e.record() == null ? "" : e.record().href());
        }
        table.print(System.out);
        if (page.next() != null) {
            System.out.println("More: --cursor " + page.next());
        }
        return null;
    }
}
