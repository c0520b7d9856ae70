package org.omotenashi.escalation.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.Test;
import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.escalation.api.ActionType;
import org.omotenashi.escalation.api.EscalationRule;
import org.omotenashi.escalation.api.TriggerType;

public class RuleJsonTest {
    private final RuleJson strict = new RuleJson(new ConditionEngine(), false);

    private static byte[] json(String text) {
        return text.replace('\'', '"').replace('`', '\'').getBytes(StandardCharsets.UTF_8);
    }

    private List<String> fieldsRefused(RuleJson reader, String body) {
        try {
            reader.read(json(body));
            fail("accepted " + body);
            return null;
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            return e.errors().stream().map(FieldError::field).toList();
        }
    }

    @Test
    public void aCompleteRuleIsRead() {
        EscalationRule rule = strict.read(json("{'name':'Gold broken','trigger':'omotenashi/promise/BROKEN',"
                + "'condition':\"segment == `gold`\",'level':2,'cooldown':'PT1H','businessHoursOnly':true,"
                + "'actions':[{'type':'NOTIFY','to':['lead@example.org']},{'type':'WEBHOOK','url':'https://facility.example.org/hook'}],"
                + "'levels':[{'level':2,'recipients':['desk@example.org'],'acknowledgeWithin':'PT2H'}]}"));
        assertEquals("omotenashi/promise/BROKEN", rule.trigger().topic());
        assertEquals(2, rule.level());
        assertEquals(Duration.ofHours(1), rule.cooldown());
        assertTrue(rule.businessHoursOnly());
        assertEquals(ActionType.WEBHOOK, rule.actions().get(1).type());
        assertEquals(Duration.ofHours(2), rule.levels().get(0).acknowledgeWithin());
    }

    @Test
    public void aTimeTriggerIsRead() {
        EscalationRule rule = strict.read(json("{'name':'Gold due','trigger':{'type':'TIME','dueWithin':'PT4H'},"
                + "'actions':[{'type':'NOTIFY','to':['a@example.org']}]}"));
        assertEquals(TriggerType.TIME, rule.trigger().type());
        assertEquals(Duration.ofHours(4), rule.trigger().dueWithin());
        assertTrue(rule.trigger().businessTime());
    }

    @Test
    public void aConditionWithASyntaxErrorIsRefusedNamingCondition() {
        assertEquals(List.of("condition"), fieldsRefused(strict, "{'name':'x','trigger':'omotenashi/promise/BROKEN',"
                + "'condition':\"segment == `gold` &&\",'actions':[{'type':'NOTIFY','to':['a@example.org']}]}"));
    }

    @Test
    public void everyInvalidFieldIsNamedAtOnce() {
        List<String> fields = fieldsRefused(strict, "{'trigger':'promise/BROKEN','level':4,'cooldown':'1h',"
                + "'actions':[{'type':'WEBHOOK'},{'type':'REASSIGN'}]}");
        assertTrue(fields.toString(), fields.containsAll(List.of("name", "trigger", "level", "cooldown",
                "actions[0].url", "actions[1].owner")));
    }

    @Test
    public void webhooksToThisMachineOrOtherSchemesAreRefusedUnlessAllowed() {
        String loopback = "{'name':'x','trigger':'omotenashi/promise/BROKEN','actions':[{'type':'WEBHOOK','url':'http://127.0.0.1:9/h'}]}";
        assertEquals(List.of("actions[0].url"), fieldsRefused(strict, loopback));
        assertEquals(List.of("actions[0].url"), fieldsRefused(strict,
                "{'name':'x','trigger':'omotenashi/promise/BROKEN','actions':[{'type':'WEBHOOK','url':'http://169.254.169.254/latest'}]}"));
        assertEquals(List.of("actions[0].url"), fieldsRefused(strict,
                "{'name':'x','trigger':'omotenashi/promise/BROKEN','actions':[{'type':'WEBHOOK','url':'file:///etc/passwd'}]}"));
        new RuleJson(new ConditionEngine(), true).read(json(loopback));
    }

    @Test
    public void writingAndReadingARuleKeepsIt() {
        EscalationRule rule = strict.read(json("{'name':'Gold','trigger':'omotenashi/survey/DETRACTOR','variables':{'segment':'gold'},"
                + "'actions':[{'type':'WEBHOOK','level':3,'url':'https://x.example.org/h','secret':'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'}]}"));
        EscalationRule again = strict.read(RuleJson.write(rule, true));
        assertEquals(rule, again);
        assertEquals(RuleJson.MASK, RuleJson.write(rule, false).get("actions").get(0).get("secret").asText());
    }
}
