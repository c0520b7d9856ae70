package org.omotenashi.handover.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.omotenashi.handover.api.Handover;
import org.omotenashi.handover.api.HandoverQuery;
import org.omotenashi.handover.api.HandoverService;
import org.omotenashi.handover.api.HandoverStatus;

/** handover:list — handovers, newest first, filtered like the REST list. */
@Service
@Command(scope = "handover", name = "list", description = "Lists handovers, newest first")
public class ListHandovers implements Action {
    @Reference
    private HandoverService handovers;

    @Option(name = "--status", description = "DRAFT, SUBMITTED, ACKNOWLEDGED, RETURNED or ACCEPTED")
    private HandoverStatus status;

    @Option(name = "--team", description = "Only handovers to this service team")
    private String team;

    @Option(name = "--customer", description = "Only this customer's handovers")
    private String customer;

    @Option(name = "--limit", description = "At most this many (1-500)")
    private int limit = 50;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Deal");
        table.column("Customer");
        table.column("Sold by");
        table.column("Team");
        table.column("Status");
        table.column("Promises");
        table.column("Updated");
        for (Handover h : handovers.list(new HandoverQuery(status, team, customer, Math.max(1, Math.min(500, limit)),
                null)).items()) {
            table.addRow().addContent(h.id(), h.dealRef(), h.customerName() == null ? h.customerId() : h.customerName(),
                    h.soldBy(), h.serviceTeam(), h.status(), h.promises().size(), h.updatedAt());
        }
        table.print(System.out);
        return null;
    }
}
