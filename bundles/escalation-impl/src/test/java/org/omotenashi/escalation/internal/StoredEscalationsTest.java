package org.omotenashi.escalation.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.List;

import org.junit.Test;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.events.EventSubscription;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.escalation.api.ActionType;
import org.omotenashi.escalation.api.Delivery;
import org.omotenashi.escalation.api.DeliveryStatus;
import org.omotenashi.escalation.api.DryRun;
import org.omotenashi.escalation.api.Escalation;
import org.omotenashi.escalation.api.EscalationQuery;
import org.omotenashi.escalation.api.EscalationRule;
import org.omotenashi.escalation.api.EscalationStatus;
import org.omotenashi.escalation.api.EscalationTopics;

/** The rules at work on a real (in-memory) Derby, migrated by the real changelog, with a clock the test moves. */
public class StoredEscalationsTest {
    private static final String BROKEN = "omotenashi/promise/BROKEN";
    private static final String NOTIFY_AND_HOOK = "'actions':[{'type':'NOTIFY','to':['desk@example.org']},"
            + "{'type':'WEBHOOK','url':'http://127.0.0.1:9/hook'}]";

    private EscalationFixture at(java.time.Instant start) {
        return new EscalationFixture(start);
    }

    @Test
    public void aBrokenPromiseOpensAnEscalationWithItsActionsInTheOutbox() {
        EscalationFixture f = at(EscalationFixture.FRIDAY_10);
        EscalationRule rule = f.rule("{'name':'Broken','trigger':'" + BROKEN + "'," + NOTIFY_AND_HOOK + "}");
        List<Escalation> opened = f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-1", "c-1"));
        assertEquals(1, opened.size());
        Escalation e = opened.get(0);
        assertEquals(rule.id(), e.ruleId());
        assertEquals("promise", e.subject().type());
        assertEquals("p-1", e.subject().ref());
        assertEquals("c-1", e.customerId());
        assertEquals(1, e.level());
        assertEquals(EscalationStatus.OPEN, e.status());
        List<Delivery> outbox = f.escalations.deliveries(DeliveryStatus.PENDING, 10);
        assertEquals(2, outbox.size());
        assertTrue(outbox.stream().allMatch(d -> d.escalationId().equals(e.id())
                && d.notBefore().equals(EscalationFixture.FRIDAY_10)));
        assertEquals(List.of(EscalationTopics.OPENED), f.eventAdmin.topics());
    }

    @Test
    public void eventsOfTheLogOpenEscalationsOnceAndTheStepsSayWhoAndWhy() throws Exception {
        EscalationFixture f = at(EscalationFixture.FRIDAY_10);
        f.rule("{'name':'Cancelled','trigger':'omotenashi/promise/CANCELLED'," + NOTIFY_AND_HOOK + "}");
        EventSubscription rules = f.eventAdmin.stored().subscribe(EscalationServiceComponent.CONSUMER, f.escalations::concerns,
                (c, event) -> f.escalations.evaluateOn(c, event.topic(), event.properties(), false));
        Transactions.inTransaction(f.dataSource, c -> {
            f.eventAdmin.log().append(c, "omotenashi/promise/CREATED", EscalationFixture.promiseEvent("p-1", "c-1"));
            return f.eventAdmin.log().append(c, "omotenashi/promise/CANCELLED", EscalationFixture.promiseEvent("p-1", "c-1"));
        });
        f.eventAdmin.stored().relayNow();
        assertEquals("the rules pass over what no rule is about", 1, rules.catchUp());
        assertEquals(0, rules.catchUp());
        Escalation opened = f.escalations.list(new EscalationQuery(null, null, "c-1", 10, null)).items().get(0);
        f.escalations.acknowledge(opened.id(), "sam", "calling the customer now");
        org.osgi.service.event.Event acknowledged = f.eventAdmin.events().stream()
                .filter(e -> e.getTopic().equals(EscalationTopics.ACKNOWLEDGED)).findFirst().orElseThrow();
        assertEquals("sam", acknowledged.getProperty(EscalationTopics.BY));
        assertEquals("calling the customer now", acknowledged.getProperty(EscalationTopics.REASON));
        org.osgi.service.event.Event openedEvent = f.eventAdmin.events().stream()
                .filter(e -> e.getTopic().equals(EscalationTopics.OPENED)).findFirst().orElseThrow();
        assertEquals("rule:Cancelled", openedEvent.getProperty(EscalationTopics.BY));
        assertEquals("after omotenashi/promise/CANCELLED", openedEvent.getProperty(EscalationTopics.REASON));
        try (java.sql.Connection c = f.dataSource.getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet r = st.executeQuery("SELECT STEP, ACTOR FROM ESCALATION_STEP WHERE CUSTOMER_ID='c-1' ORDER BY SEQ")) {
            assertTrue(r.next());
            assertEquals("OPENED", r.getString(1));
            assertTrue(r.next());
            assertEquals("ACKNOWLEDGED", r.getString(1));
            assertEquals("sam", r.getString(2));
        }
        rules.close();
    }

    @Test
    public void aDryRunFindsTheEventsOfTheLog() {
        EscalationFixture f = at(EscalationFixture.FRIDAY_10);
        Transactions.inTransaction(f.dataSource, c -> f.eventAdmin.log().append(c, BROKEN,
                EscalationFixture.promiseEvent("p-7", "c-1")));
        f.eventAdmin.stored().relayNow();
        EscalationRule rule = f.rule("{'name':'Broken','trigger':'" + BROKEN + "'," + NOTIFY_AND_HOOK + "}");
        DryRun run = f.escalations.dryRun(rule);
        assertEquals(1, run.matches().size());
        assertEquals("p-7", run.matches().get(0).subject().ref());
    }

    @Test
    public void theConditionDecidesWhetherTheRuleFires() {
        EscalationFixture f = at(EscalationFixture.FRIDAY_10);
        f.rule("{'name':'Gold only','trigger':'" + BROKEN + "','condition':\"segment == `gold`\"," + NOTIFY_AND_HOOK + "}");
        assertEquals(0, f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-1", "c-1")).size());
        assertEquals(1, f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-2", "c-gold")).size());
    }

    @Test
    public void theSameRuleNeverOpensASecondEscalationForASubjectWhileOneIsOpen() {
        EscalationFixture f = at(EscalationFixture.FRIDAY_10);
        f.rule("{'name':'Broken','trigger':'" + BROKEN + "'," + NOTIFY_AND_HOOK + "}");
        assertEquals(1, f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-1", "c-1")).size());
        f.clock.advance(Duration.ofMinutes(5));
        assertEquals(0, f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-1", "c-1")).size());
        assertEquals(1, f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-2", "c-1")).size());
        assertEquals(2, f.escalations.list(new EscalationQuery(null, null, null, 50, null)).items().size());
        assertEquals(4, f.escalations.deliveries(null, 50).size());
    }

    @Test
    public void afterResolvingTheRuleFiresAgainOnlyOnceItsCooldownHasPassed() {
        EscalationFixture f = at(EscalationFixture.FRIDAY_10);
        f.rule("{'name':'Broken','trigger':'" + BROKEN + "','cooldown':'PT1H'," + NOTIFY_AND_HOOK + "}");
        Escalation first = f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-1", "c-1")).get(0);
        f.escalations.resolve(first.id(), "bob", "called the customer");
        f.clock.advance(Duration.ofMinutes(59));
        assertEquals(0, f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-1", "c-1")).size());
        f.clock.advance(Duration.ofMinutes(1));
        assertEquals(1, f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-1", "c-1")).size());
    }

    @Test
    public void aBusinessHoursOnlyRuleFiringOnSaturdayHoldsItsActionsUntilMondayNine() {
        EscalationFixture f = at(EscalationFixture.SATURDAY_11);
        f.rule("{'name':'Office hours','trigger':'" + BROKEN + "','businessHoursOnly':true," + NOTIFY_AND_HOOK + "}");
        f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-1", "c-1"));
        List<Delivery> held = f.escalations.deliveries(DeliveryStatus.PENDING, 10);
        assertEquals(2, held.size());
        for (Delivery d : held) {
            assertEquals(EscalationFixture.MONDAY_09, d.notBefore());
            assertEquals(EscalationFixture.MONDAY_09, d.nextAttemptAt());
        }
    }

    @Test
    public void anEscalationNotAcknowledgedWithinItsLevelsBusinessTimeMovesUp() {
        EscalationFixture f = at(EscalationFixture.FRIDAY_10);
        f.rule("{'name':'Broken','trigger':'" + BROKEN + "','levels':[{'level':1,'recipients':['l1@example.org'],"
                + "'acknowledgeWithin':'PT4H'},{'level':2,'recipients':['l2@example.org']}],'actions':[{'type':'NOTIFY'}]}");
        Escalation e = f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-1", "c-1")).get(0);
        // Friday 10:00 + 4 business hours = Friday 14:00; one minute before, nothing moves.
        f.clock.advance(Duration.ofHours(4).minusMinutes(1));
        assertEquals(0, f.escalations.raiseUnacknowledged());
        f.clock.advance(Duration.ofMinutes(1));
        assertEquals(1, f.escalations.raiseUnacknowledged());
        Escalation raised = f.escalations.find(e.id()).orElseThrow();
        assertEquals(2, raised.level());
        assertEquals("RAISED", raised.history().get(raised.history().size() - 1).event());
        List<Delivery> mails = f.escalations.deliveries(null, 10);
        assertEquals(2, mails.size());
        assertTrue(mails.stream().anyMatch(d -> d.target().equals("l2@example.org")));
    }

    @Test
    public void theAcknowledgementTimeCountsOnlyBusinessHours() {
        EscalationFixture f = at(EscalationFixture.FRIDAY_10.plus(Duration.ofHours(6))); // Friday 16:00
        f.rule("{'name':'Broken','trigger':'" + BROKEN + "','levels':[{'level':1,'recipients':['l1@example.org'],"
                + "'acknowledgeWithin':'PT2H'}],'actions':[{'type':'NOTIFY'}]}");
        f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-1", "c-1"));
        f.clock.setOffset(Duration.between(EscalationFixture.FRIDAY_10.plus(Duration.ofHours(6)),
                EscalationFixture.MONDAY_09.plus(Duration.ofMinutes(59))));
        assertEquals(0, f.escalations.raiseUnacknowledged());
        f.clock.advance(Duration.ofMinutes(1));
        assertEquals(1, f.escalations.raiseUnacknowledged());
    }

    @Test
    public void anAcknowledgedEscalationStaysAtItsLevel() {
        EscalationFixture f = at(EscalationFixture.FRIDAY_10);
        f.rule("{'name':'Broken','trigger':'" + BROKEN + "','levels':[{'level':1,'recipients':['l1@example.org'],"
                + "'acknowledgeWithin':'PT1H'}],'actions':[{'type':'NOTIFY'}]}");
        Escalation e = f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-1", "c-1")).get(0);
        f.escalations.acknowledge(e.id(), "bob", null);
        f.clock.advance(Duration.ofHours(3));
        assertEquals(0, f.escalations.raiseUnacknowledged());
        assertEquals(1, f.escalations.find(e.id()).orElseThrow().level());
    }

    @Test
    public void illegalTransitionsAreRefusedAndChangeNothing() {
        EscalationFixture f = at(EscalationFixture.FRIDAY_10);
        f.rule("{'name':'Broken','trigger':'" + BROKEN + "'," + NOTIFY_AND_HOOK + "}");
        Escalation e = f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-1", "c-1")).get(0);
        f.escalations.resolve(e.id(), "bob", null);
        try {
            f.escalations.acknowledge(e.id(), "bob", null);
            fail("acknowledged a resolved escalation");
        } catch (ProblemException expected) {
            assertEquals(409, expected.status());
        }
        assertEquals(EscalationStatus.RESOLVED, f.escalations.find(e.id()).orElseThrow().status());
    }

    @Test
    public void aRaiseRuleMovesTheSubjectsOpenEscalationUpInsteadOfOpeningAnother() {
        EscalationFixture f = at(EscalationFixture.FRIDAY_10);
        f.rule("{'name':'Due soon','trigger':'omotenashi/promise/DUE_SOON','actions':[{'type':'NOTIFY','to':['a@example.org']}]}");
        f.rule("{'name':'Broken raises','trigger':'" + BROKEN + "','actions':[{'type':'RAISE'}]}");
        Escalation e = f.escalations.onEvent("omotenashi/promise/DUE_SOON", EscalationFixture.promiseEvent("p-1", "c-1")).get(0);
        f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-1", "c-1"));
        assertEquals(2, f.escalations.find(e.id()).orElseThrow().level());
        assertEquals(1, f.escalations.list(new EscalationQuery(null, null, null, 50, null)).items().size());
    }

    @Test
    public void aRaiseRuleDoesNotRaiseTheEscalationItOpenedItself() {
        EscalationFixture f = at(EscalationFixture.FRIDAY_10);
        f.rule("{'name':'Broken raises','trigger':'" + BROKEN + "','actions':[{'type':'RAISE'}]}");
        Escalation own = f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-1", "c-1")).get(0);
        f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-1", "c-1"));
        f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-1", "c-1"));
        assertEquals(1, f.escalations.find(own.id()).orElseThrow().level());
        assertEquals(1, f.escalations.list(new EscalationQuery(null, null, null, 50, null)).items().size());
    }

    @Test
    public void aKeptPromiseResolvesItsEscalations() {
        EscalationFixture f = at(EscalationFixture.FRIDAY_10);
        f.rule("{'name':'Broken','trigger':'" + BROKEN + "'," + NOTIFY_AND_HOOK + "}");
        Escalation e = f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-1", "c-1")).get(0);
        f.escalations.onEvent("omotenashi/promise/KEPT_LATE", EscalationFixture.promiseEvent("p-1", "c-1"));
        assertEquals(EscalationStatus.RESOLVED, f.escalations.find(e.id()).orElseThrow().status());
    }

    @Test
    public void aDryRunListsWhatWouldBeSentAndSendsNothing() {
        EscalationFixture f = at(EscalationFixture.FRIDAY_10);
        f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-1", "c-gold"));
        f.escalations.onEvent(BROKEN, EscalationFixture.promiseEvent("p-2", "c-1"));
        EscalationRule unsaved = f.escalations.ruleReader().read(("{'name':'Gold','trigger':'" + BROKEN
                + "','condition':\"segment == `gold`\"," + NOTIFY_AND_HOOK + "}").replace('\'', '"').replace('`', '\'').getBytes());
        DryRun run = f.escalations.dryRun(unsaved);
        assertEquals(1, run.matches().size());
        assertEquals("p-1", run.matches().get(0).subject().ref());
        assertEquals(List.of(ActionType.NOTIFY, ActionType.WEBHOOK),
                run.matches().get(0).actions().stream().map(a -> a.action()).toList());
        assertEquals(0, f.escalations.deliveries(null, 10).size());
        assertEquals(0, f.escalations.list(new EscalationQuery(null, null, null, 50, null)).items().size());
    }

    @Test
    public void escalationEventsNeverTriggerRules() {
        EscalationFixture f = at(EscalationFixture.FRIDAY_10);
        f.rule("{'name':'Everything','trigger':'omotenashi/*'," + NOTIFY_AND_HOOK + "}");
        assertEquals(0, f.escalations.onEvent(EscalationTopics.OPENED, java.util.Map.of("escalationId", "x")).size());
        assertEquals(1, f.escalations.onEvent("omotenashi/handover/ACK_OVERDUE",
                java.util.Map.of("handoverId", "h-1", "customerId", "c-1")).size());
    }

    @Test
    public void aStaleVersionIsRefusedOnUpdate() {
        EscalationFixture f = at(EscalationFixture.FRIDAY_10);
        EscalationRule rule = f.rule("{'name':'Broken','trigger':'" + BROKEN + "'," + NOTIFY_AND_HOOK + "}");
        try {
            f.escalations.updateRule(rule.id(), rule, rule.version() + 1);
            fail("accepted a stale version");
        } catch (ProblemException expected) {
            assertEquals(412, expected.status());
        }
        assertEquals(2, f.escalations.updateRule(rule.id(), rule, rule.version()).version());
    }
}
