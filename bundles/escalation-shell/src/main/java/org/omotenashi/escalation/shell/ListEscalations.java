package org.omotenashi.escalation.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.omotenashi.escalation.api.Escalation;
import org.omotenashi.escalation.api.EscalationQuery;
import org.omotenashi.escalation.api.EscalationService;
import org.omotenashi.escalation.api.EscalationStatus;

/** escalation:list — escalations, newest first, filtered like the REST list. */
@Service
@Command(scope = "escalation", name = "list", description = "Lists escalations, newest first")
public class ListEscalations implements Action {
    @Reference
    private EscalationService escalations;

    @Option(name = "--status", description = "OPEN, ACKNOWLEDGED or RESOLVED")
    private EscalationStatus status;

    @Option(name = "--level", description = "1, 2 or 3")
    private Integer level;

    @Option(name = "--customer", description = "Only this customer's escalations")
    private String customer;

    @Option(name = "--limit", description = "At most this many (1-500)")
    private int limit = 50;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Rule").maxSize(30);
        table.column("Subject").maxSize(50);
        table.column("Customer");
        table.column("Level");
        table.column("Status");
        table.column("Opened");
        for (Escalation e : escalations.list(new EscalationQuery(status, level, customer,
                Math.max(1, Math.min(500, limit)), null)).items()) {
            table.addRow().addContent(e.id(), e.ruleName(), e.subject().type() + " " + e.subject().ref(), e.customerId(),
                    e.level(), e.status(), e.openedAt());
        }
        table.print(System.out);
        return null;
    }
}
