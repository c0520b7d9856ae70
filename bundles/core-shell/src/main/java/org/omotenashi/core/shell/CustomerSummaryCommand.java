package org.omotenashi.core.shell;

import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.omotenashi.core.customer.ContactHold;
import org.omotenashi.core.customer.CustomerJourney;
import org.omotenashi.core.customer.CustomerSummary;

/** customer:summary — a customer at a glance, one section per installed module, and the contact budget. */
@Service
@Command(scope = "customer", name = "summary", description = "Shows a customer at a glance and whether automatic surveys may go out")
public class CustomerSummaryCommand implements Action {
    @Reference
    private CustomerJourney journey;

    @Argument(index = 0, name = "customerId", description = "The customer", required = true)
    private String customerId;

    @Override
    public Object execute() {
        CustomerSummary summary = journey.summary(customerId);
        ShellTable table = new ShellTable();
        table.column("Module");
        table.column("Figure");
        table.column("Value").maxSize(100);
        for (Map.Entry<String, Map<String, Object>> section : summary.sections().entrySet()) {
            section.getValue().forEach((name, value) -> table.addRow().addContent(section.getKey(), name, value));
        }
        table.addRow().addContent("contact budget", "may invite", summary.contactBudget().mayInvite() ? "yes" : "no");
        for (ContactHold hold : summary.contactBudget().holds()) {
            table.addRow().addContent("contact budget", hold.kind(), hold.reason());
        }
        table.print(System.out);
        return null;
    }
}
