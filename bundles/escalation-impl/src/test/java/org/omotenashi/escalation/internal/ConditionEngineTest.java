package org.omotenashi.escalation.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;

public class ConditionEngineTest {
    private final ConditionEngine engine = new ConditionEngine();

    @Test
    public void aConditionWithASyntaxErrorIsReported() {
        assertNotNull(engine.syntaxError("segment == 'gold' &&"));
        assertNotNull(engine.syntaxError("(status == 'OPEN'"));
    }

    @Test
    public void comparisonsAndLogicAreAccepted() {
        assertNull(engine.syntaxError("segment == 'gold' && businessHoursToDue < 4"));
        assertNull(engine.syntaxError("status =~ ['OPEN', 'BROKEN'] || !empty(owner)"));
        assertNull(engine.syntaxError(null));
    }

    @Test
    public void methodCallsObjectCreationAndAssignmentsAreRefusedAtSave() {
        assertNotNull(engine.syntaxError("''.getClass().forName('java.lang.Runtime')"));
        assertNotNull(engine.syntaxError("new('java.io.File', '/tmp')"));
        assertNotNull(engine.syntaxError("x = 1"));
        assertNotNull(engine.syntaxError("var x = 1; x"));
        assertNotNull(engine.syntaxError("while (true) {}"));
    }

    @Test
    public void propertyAccessOnObjectsReachesNothing() {
        try {
            engine.holds("status.class.name == 'java.lang.String'", Map.of("status", "OPEN"));
            org.junit.Assert.fail("reached a class through a property");
        } catch (org.apache.commons.jexl3.JexlException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("class"));
        }
    }

    @Test
    public void theConditionSeesTheEventProperties() {
        assertTrue(engine.holds("segment == 'gold' && level >= 2", Map.of("segment", "gold", "level", 2)));
        assertFalse(engine.holds("segment == 'gold'", Map.of("segment", "silver")));
    }

    @Test
    public void aPropertyTheEventDoesNotCarryReadsAsNull() {
        assertTrue(engine.holds("segment == null", Map.of()));
        assertFalse(engine.holds("segment == 'gold'", Map.of()));
    }

    @Test
    public void aBlankConditionAlwaysHolds() {
        assertTrue(engine.holds(" ", Map.of()));
    }
}
