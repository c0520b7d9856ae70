package org.omotenashi.connector.maximo.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

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

public class MaximoWorkOrdersTest {
    private static final URI BASE = URI.create("https://maximo.example.org");
    private static final MaximoWorkOrders.Statuses STATUSES = new MaximoWorkOrders.Statuses(Set.of("COMP", "CLOSE"),
            Set.of("CAN"), Set.of("WMATL"));

    @Test
    public void aWorkOrderMapsFieldForFieldAsTheReadmeTableSays() throws IOException {
        WorkItem item = MaximoWorkOrders.item(workOrder(), "maximo", BASE, STATUSES);
        assertEquals("maximo", item.system());
        assertEquals("13057", item.externalId());
        assertEquals("1001", item.number());
        assertEquals("Replace the lobby door closer", item.title());
        assertEquals("The closer of the east lobby door slams.", item.description());
        assertEquals(new Party("site", "BEDFORD", "BEDFORD"), item.customer());
        assertEquals(new Party("persongroup", "FACILITY", "FACILITY"), item.owner());
        assertEquals(Instant.parse("2026-11-04T16:00:00Z"), item.targetDate());
        assertEquals(Instant.parse("2026-11-02T07:00:00Z"), item.createdAt());
        assertEquals(Instant.parse("2026-11-02T09:30:00Z"), item.changedAt());
        assertEquals(WorkState.OPEN, item.state());
        assertFalse(item.onHold());
        assertEquals(URI.create("https://maximo.example.org/maximo/ui/?event=loadapp&value=wotrack&uniqueid=13057"), item.link());
    }

    @Test
    public void statusesMapToOpenCompletedCancelledAndOnHold() throws IOException {
        for (String[] pair : new String[][] {{"WAPPR", "OPEN"}, {"APPR", "OPEN"}, {"INPRG", "OPEN"}, {"COMP", "COMPLETED"},
                {"CLOSE", "COMPLETED"}, {"CAN", "CANCELLED"}}) {
            ObjectNode wo = workOrder();
            wo.put("status", pair[0]);
            assertEquals(pair[0], WorkState.valueOf(pair[1]), MaximoWorkOrders.item(wo, "m", BASE, STATUSES).state());
        }
        ObjectNode waiting = workOrder();
        waiting.put("status", "WMATL");
        assertTrue(MaximoWorkOrders.item(waiting, "m", BASE, STATUSES).onHold());
    }

    @Test
    public void withoutGroupTheLeadOwnsItAndWithoutTargcompdateThereIsNoTargetDate() throws IOException {
        ObjectNode wo = workOrder();
        wo.remove("persongroup");
        wo.remove("targcompdate");
        WorkItem item = MaximoWorkOrders.item(wo, "m", BASE, STATUSES);
        assertEquals(new Party("lead", "WILSON", "WILSON"), item.owner());
        assertNull(item.targetDate());
    }

    @Test
    public void whereClauseTimesAreQuotedIsoWithOffset() {
        assertEquals("\"2026-11-02T09:30:00+00:00\"", MaximoWorkOrders.where(Instant.parse("2026-11-02T09:30:00Z")));
    }

    @Test
    public void errorMessagesComeFromTheLeanAndTheOslcErrorShapes() {
        assertEquals("BMXAA7901E - You cannot log in at this time.",
                MaximoConnector.errorMessage("{\"Error\":{\"message\":\"BMXAA7901E - You cannot log in at this time.\","
                        + "\"reasonCode\":\"BMXAA7901E\",\"statusCode\":\"401\"}}"));
        assertEquals("BMXAA8727E - The OSLC resource was not found.",
                MaximoConnector.errorMessage("{\"oslc:Error\":{\"oslc:message\":\"BMXAA8727E - The OSLC resource was not found.\"}}"));
        assertNull(MaximoConnector.errorMessage("Service Unavailable"));
    }

    private static ObjectNode workOrder() throws IOException {
        try (InputStream in = MaximoWorkOrdersTest.class.getResourceAsStream("/workorder.json")) {
            return (ObjectNode) new ObjectMapper().readTree(in);
        }
    }
}
