package org.omotenashi.escalation.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.escalation.api.EscalationTopics;
import org.omotenashi.escalation.api.EventOutcome;

/** Events pushed by facility systems: what is refused, and that they go through the rules like any other event. */
public class PushedEventTest {
    private static final String LATE = "omotenashi/fm/WORK_ORDER_LATE";

    private static PushedEvent read(String json) {
        return PushedEvent.read(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> refusedFields(String json) {
        try {
            read(json);
            fail("expected a 400 for " + json);
            return List.of();
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            return e.errors().stream().map(FieldError::field).toList();
        }
    }

    @Test
    public void plainPropertiesAreKeptWithTheirTypes() {
        PushedEvent e = read("{'topic':'" + LATE + "','properties':{'workOrderId':'WO-1','hours':3,'ratio':0.5,'urgent':true}}");
        assertEquals(LATE, e.topic());
        assertEquals(Map.of("workOrderId", "WO-1", "hours", 3L, "ratio", 0.5, "urgent", true), e.properties());
    }

    @Test
    public void theSuitesOwnTopicsMayNotBeForged() {
        for (String prefix : PushedEvent.INTERNAL_PREFIXES) {
            assertEquals(List.of("topic"), refusedFields("{'topic':'" + prefix + "BROKEN'}"));
        }
    }

    @Test
    public void everyInvalidFieldIsNamedInOneRefusal() {
        List<String> fields = refusedFields("{'topic':'fm/WORK_ORDER_LATE','properties':{'ok':'x','nested':{'a':1},"
                + "'list':[1],'gone':null,'bad name':'x'}}");
        assertEquals(List.of("topic", "properties.nested", "properties.list", "properties.gone", "properties.bad name"), fields);
    }

    @Test
    public void aMissingTopicAWildcardAndPropertiesThatAreNotAnObjectAreRefused() {
        assertEquals(List.of("topic", "properties"), refusedFields("{'properties':[1]}"));
        assertEquals(List.of("topic"), refusedFields("{'topic':'omotenashi/fm/*'}"));
        assertEquals(List.of("topic"), refusedFields("{'topic':'omotenashi/fm'}"));
    }

    @Test
    public void aPushedEventOpensAnEscalationAndIsThenHeldBackByDeduplicationAndCooldown() {
        EscalationFixture f = new EscalationFixture(EscalationFixture.FRIDAY_10);
        f.rule("{'name':'Late work order','trigger':'omotenashi/fm/*','condition':\"priority == `P1`\",'cooldown':'PT1H',"
                + "'actions':[{'type':'RAISE'}]}");
        f.rule("{'name':'Other building','trigger':'omotenashi/fm/*','condition':\"building == `B-9`\","
                + "'actions':[{'type':'RAISE'}]}");
        PushedEvent event = read("{'topic':'" + LATE + "','properties':{'fmId':'WO-7','priority':'P1','building':'B-1'}}");

        EventOutcome first = f.escalations.push(event.topic(), event.properties());
        assertEquals(1, first.matchedRules());
        assertEquals(1, first.opened().size());
        assertEquals(0, first.suppressed());
        assertEquals("WO-7", f.escalations.find(first.opened().get(0)).orElseThrow().subject().ref());
        assertEquals(List.of(EscalationTopics.OPENED), f.eventAdmin.topics());

        EventOutcome again = f.escalations.push(event.topic(), event.properties());
        assertEquals(1, again.matchedRules());
        assertTrue(again.opened().isEmpty());
        assertEquals(1, again.suppressed());

        f.escalations.resolve(first.opened().get(0), "bob", null);
        f.clock.advance(Duration.ofMinutes(30));
        EventOutcome inCooldown = f.escalations.push(event.topic(), event.properties());
        assertEquals(1, inCooldown.suppressed());
        f.clock.advance(Duration.ofMinutes(30));
        assertEquals(1, f.escalations.push(event.topic(), event.properties()).opened().size());
    }
}
