package org.omotenashi.escalation.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.omotenashi.escalation.api.EscalationRule;
import org.omotenashi.escalation.api.EscalationService;

/** escalation:rules — the rules, where they come from and what triggers them. */
@Service
@Command(scope = "escalation", name = "rules", description = "Lists the escalation rules")
public class ListRules implements Action {
    @Reference
    private EscalationService escalations;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Name").maxSize(40);
        table.column("Enabled");
        table.column("Trigger").maxSize(40);
        table.column("Level");
        table.column("Actions");
        table.column("Source").maxSize(50);
        for (EscalationRule r : escalations.rules()) {
            String trigger = r.trigger().topic() != null ? r.trigger().topic()
                    : "TIME " + r.trigger().status() + " promise due within " + r.trigger().dueWithin();
            table.addRow().addContent(r.id(), r.name(), r.enabled(), trigger, r.level(),
                    r.actions().stream().map(a -> a.type().name()).toList(), r.source());
        }
        table.print(System.out);
        return null;
    }
}
