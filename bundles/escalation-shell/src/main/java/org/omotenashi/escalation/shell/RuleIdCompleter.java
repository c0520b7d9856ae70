package org.omotenashi.escalation.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.omotenashi.escalation.api.EscalationService;

/** Completes rule ids. */
@Service
public class RuleIdCompleter implements Completer {
    @Reference
    private EscalationService escalations;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        escalations.rules().forEach(r -> ids.getStrings().add(r.id()));
        return ids.complete(session, commandLine, candidates);
    }
}
