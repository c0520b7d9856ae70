package org.omotenashi.handover.shell;

import java.time.Duration;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.omotenashi.handover.api.Handover;
import org.omotenashi.handover.api.HandoverService;
import org.omotenashi.handover.api.PendingHandover;

/** handover:pending — submitted handovers nobody has acknowledged yet, oldest first, with business hours waiting. */
@Service
@Command(scope = "handover", name = "pending",
        description = "Lists submitted handovers not yet acknowledged, oldest first, with business hours waiting")
public class PendingHandovers implements Action {
    @Reference
    private HandoverService handovers;

    @Option(name = "--limit", description = "At most this many (1-500)")
    private int limit = 100;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Deal");
        table.column("Customer");
        table.column("Team");
        table.column("Submitted");
        table.column("Business hours waiting");
        table.column("Overdue");
        for (PendingHandover p : handovers.pending(Math.max(1, Math.min(500, limit)))) {
            Handover h = p.handover();
            table.addRow().addContent(h.id(), h.dealRef(), h.customerName() == null ? h.customerId() : h.customerName(),
                    h.serviceTeam(), h.submittedAt(), hours(p.businessTimeWaiting()), p.overdue() ? "yes" : "no");
        }
        table.print(System.out);
        return null;
    }

    private static String hours(Duration waiting) {
        return String.format(java.util.Locale.ROOT, "%.1f", waiting.toMinutes() / 60d);
    }
}
