package org.omotenashi.connector.topdesk.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.Test;
import org.omotenashi.connector.spi.Party;
import org.omotenashi.connector.spi.WorkItem;
import org.omotenashi.connector.spi.WorkState;

public class TopdeskIncidentsTest {
    private static final URI BASE = URI.create("https://example.topdesk.net/");
    private static final Set<String> CANCELLED = Set.of("geannuleerd");

    @Test
    public void anIncidentMapsFieldForFieldAsTheReadmeTableSays() throws IOException {
        WorkItem item = TopdeskIncidents.item(incident(), "topdesk", BASE, CANCELLED, "callerBranch");
        assertEquals("topdesk", item.system());
        assertEquals("6b3b9e1c-7a0f-4d8e-9b52-1d2f3c4a5b6c", item.externalId());
        assertEquals("I 2611 042", item.number());
        assertEquals("Lift stuck on floor 3", item.title());
        assertEquals("Guests cannot reach floor 3 since this morning.", item.description());
        assertEquals(new Party("callerBranch", "b-zon", "Hotel Zon"), item.customer());
        assertEquals(new Party("operatorGroup", "g-fm", "Facilitair beheer"), item.owner());
        assertEquals(Instant.parse("2026-11-04T16:00:00Z"), item.targetDate());
        assertFalse(item.onHold());
        assertEquals(WorkState.OPEN, item.state());
        assertEquals(Instant.parse("2026-11-02T08:15:00Z"), item.createdAt());
        assertEquals(Instant.parse("2026-11-02T09:30:12.345Z"), item.changedAt());
        assertEquals(URI.create("https://example.topdesk.net/tas/secure/incident?action=show&unid=6b3b9e1c-7a0f-4d8e-9b52-1d2f3c4a5b6c"),
                item.link());
    }

    @Test
    public void completedOrClosedIsCompletedAndACancelledStatusNameIsCancelled() throws IOException {
        ObjectNode done = incident();
        done.put("completed", true);
        assertEquals(WorkState.COMPLETED, TopdeskIncidents.item(done, "t", BASE, CANCELLED, "callerBranch").state());
        ObjectNode closed = incident();
        closed.put("closed", true);
        assertEquals(WorkState.COMPLETED, TopdeskIncidents.item(closed, "t", BASE, CANCELLED, "callerBranch").state());
        ObjectNode cancelled = incident();
        cancelled.putObject("processingStatus").put("name", "Geannuleerd");
        cancelled.put("closed", true);
        assertEquals(WorkState.CANCELLED, TopdeskIncidents.item(cancelled, "t", BASE, CANCELLED, "callerBranch").state());
    }

    @Test
    public void withoutBranchOrGroupTheCallerAndOperatorStandInAndNoTargetDateIsNull() throws IOException {
        ObjectNode bare = incident();
        bare.putNull("callerBranch");
        bare.putNull("operatorGroup");
        bare.putNull("targetDate");
        WorkItem item = TopdeskIncidents.item(bare, "t", BASE, CANCELLED, "callerBranch");
        assertEquals(new Party("caller", "p-17", "Jansen, Anna"), item.customer());
        assertEquals(new Party("operator", "o-3", "Pieters, Kees"), item.owner());
        assertNull(item.targetDate());
        ObjectNode unregistered = incident();
        unregistered.putObject("caller").put("dynamicName", "Walk-in guest");
        assertEquals(new Party("caller", "Walk-in guest", "Walk-in guest"),
                TopdeskIncidents.item(unregistered, "t", BASE, CANCELLED, "caller").customer());
    }

    @Test
    public void isoTimestampsWithAColonInTheOffsetAreReadToo() {
        assertEquals(Instant.parse("2026-11-02T08:00:00Z"),
                TopdeskIncidents.instant(new ObjectMapper().getNodeFactory().textNode("2026-11-02T09:00:00+01:00")));
        assertEquals("2026-11-02T08:00:00Z", TopdeskIncidents.fiql(Instant.parse("2026-11-02T08:00:00Z")));
    }

    @Test
    public void errorMessagesAreTheFirstMessageOfTopdesksErrorList() {
        assertEquals("Incident not found", TopdeskConnector.errorMessage("[{\"message\":\"Incident not found\"}]"));
        assertNull(TopdeskConnector.errorMessage("<html>Bad gateway</html>"));
    }

    private static ObjectNode incident() throws IOException {
        try (InputStream in = TopdeskIncidentsTest.class.getResourceAsStream("/incident.json")) {
            return (ObjectNode) new ObjectMapper().readTree(in);
        }
    }
}
