package org.omotenashi.connector.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.omotenashi.connector.api.Connector;

/** Completes connector names. */
@Service
public class ConnectorNameCompleter implements Completer {
    @Reference(optional = true)
    private List<Connector> connectors;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        if (connectors != null) {
            connectors.forEach(c -> names.getStrings().add(c.name()));
        }
        return names.complete(session, commandLine, candidates);
    }
}
