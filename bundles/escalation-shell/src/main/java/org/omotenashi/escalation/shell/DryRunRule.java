package org.omotenashi.escalation.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.omotenashi.escalation.api.DryRun;
import org.omotenashi.escalation.api.DryRunMatch;
import org.omotenashi.escalation.api.EscalationService;
import org.omotenashi.escalation.api.PlannedAction;

/** escalation:dry-run — which subjects a saved rule would fire for now, and what it would send; sends nothing. */
@Service
@Command(scope = "escalation", name = "dry-run", description = "Shows what a rule would do now, without doing it")
public class DryRunRule implements Action {
    @Reference
    private EscalationService escalations;

    @Argument(index = 0, name = "rule", required = true, description = "The rule id")
    @Completion(RuleIdCompleter.class)
    private String ruleId;

    @Override
    public Object execute() {
        DryRun run = escalations.dryRun(escalations.rule(ruleId)
                .orElseThrow(() -> new IllegalArgumentException("No escalation rule with id " + ruleId)));
        ShellTable table = new ShellTable();
        table.column("Subject").maxSize(50);
        table.column("Customer");
        table.column("Would");
        table.column("Action");
        table.column("Target").maxSize(50);
        table.column("Not before");
        for (DryRunMatch m : run.matches()) {
            String subject = m.subject().type() + " " + m.subject().ref();
            if (m.blockedBy() != null || m.actions().isEmpty()) {
                table.addRow().addContent(subject, m.customerId(), m.blockedBy() == null ? "fire" : "not: " + m.blockedBy(),
                        "", "", "");
            }
            for (PlannedAction a : m.actions()) {
                table.addRow().addContent(subject, m.customerId(), "fire", a.action(), a.target(), a.notBefore());
            }
        }
        table.print(System.out);
        if (run.note() != null) {
            System.out.println(run.note());
        }
        return null;
    }
}
