package org.omotenashi.connector.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.omotenashi.connector.api.Connector;
import org.omotenashi.connector.api.SyncResult;

/** connector:sync — runs an instance's reconciliation poll now and says what it did. */
@Service
@Command(scope = "connector", name = "sync", description = "Polls a facility system now and applies what changed")
public class SyncConnector implements Action {
    @Reference(optional = true)
    private List<Connector> connectors;

    @Argument(index = 0, name = "instance", required = true, description = "The connector's name")
    @Completion(ConnectorNameCompleter.class)
    private String instance;

    @Override
    public Object execute() {
        Connector connector = (connectors == null ? List.<Connector>of() : connectors).stream()
                .filter(c -> c.name().equals(instance)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No connector named " + instance));
        SyncResult result = connector.sync();
        System.out.printf("%s: %d items seen, %d applied, %s in %.0f ms%n", result.instance(), result.seen(),
                result.applied(), result.error() != null ? "stopped: " + result.error()
                        : result.complete() ? "up to date" : "more to come", result.millis());
        return null;
    }
}
