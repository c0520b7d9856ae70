package org.omotenashi.escalation.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.omotenashi.escalation.api.Delivery;
import org.omotenashi.escalation.api.DeliveryStatus;
import org.omotenashi.escalation.api.EscalationService;

/** escalation:deliveries — the outbox: what was sent, what waits, what failed and why. */
@Service
@Command(scope = "escalation", name = "deliveries", description = "Lists the outbox of mails, webhooks and reassignments")
public class ListDeliveries implements Action {
    @Reference
    private EscalationService escalations;

    @Option(name = "--status", description = "PENDING, DELIVERED or FAILED")
    private DeliveryStatus status;

    @Option(name = "--limit", description = "At most this many (1-500)")
    private int limit = 50;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Escalation");
        table.column("Action");
        table.column("Target").maxSize(50);
        table.column("Status");
        table.column("Attempts");
        table.column("Next attempt");
        table.column("Last error").maxSize(50);
        for (Delivery d : escalations.deliveries(status, Math.max(1, Math.min(500, limit)))) {
            table.addRow().addContent(d.id(), d.escalationId(), d.action(), d.target(), d.status(), d.attempts(),
                    d.status() == DeliveryStatus.PENDING ? d.nextAttemptAt() : "", d.lastError() == null ? "" : d.lastError());
        }
        table.print(System.out);
        return null;
    }
}
