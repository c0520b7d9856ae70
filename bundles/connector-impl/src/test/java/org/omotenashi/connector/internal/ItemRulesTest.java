package org.omotenashi.connector.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;
import org.omotenashi.connector.spi.Party;
import org.omotenashi.connector.spi.WorkItem;
import org.omotenashi.connector.spi.WorkState;
import org.omotenashi.promises.api.Channel;
import org.omotenashi.promises.api.NewPromise;
import org.omotenashi.promises.api.Origin;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseStatus;

public class ItemRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");
    private static final Instant DUE = NOW.plus(Duration.ofDays(2));
    private static final OwnerMapping OWNERS = new OwnerMapping(Map.of("Facilitair beheer", "team-north"), "facility-desk");

    @Test
    public void anOpenItemWithATargetDateBecomesAPromiseFromTheFacilitySystem() {
        WorkItem item = Items.open("inc-1", NOW, DUE);
        assertEquals(ItemRules.Arrival.PROMISE, ItemRules.arrival(item));
        NewPromise p = ItemRules.newPromise(item, "topdesk", OWNERS, NOW);
        assertEquals(Channel.FM_SYSTEM, p.channel());
        assertEquals(new Origin("topdesk", "inc-1"), p.origin());
        assertEquals("I 2611 inc-1", p.externalRef());
        assertEquals(DUE, p.dueAt());
        assertEquals("team-north", p.owner());
        assertEquals("topdesk", p.promisedBy());
        assertEquals("b-zon", p.customerId());
        assertEquals("Hotel Zon", p.customerName());
        assertEquals("I 2611 inc-1: Lift stuck on floor 3", p.description());
        assertEquals("made when the item was", item.createdAt(), p.madeAt());
    }

    @Test
    public void itemsWithoutDateWaitAndClosedOnesAreIgnored() {
        assertEquals(ItemRules.Arrival.WAITING, ItemRules.arrival(Items.open("a", NOW, null)));
        assertEquals(ItemRules.Arrival.IGNORED, ItemRules.arrival(Items.with(Items.open("a", NOW, DUE), WorkState.COMPLETED, NOW, DUE)));
        assertEquals(ItemRules.Arrival.IGNORED, ItemRules.arrival(Items.with(Items.open("a", NOW, DUE), WorkState.CANCELLED, NOW, DUE)));
    }

    @Test
    public void unmappedGroupsGoToTheDefaultOwnerAndLongFieldsAreCut() {
        WorkItem item = new WorkItem("topdesk", "x", "1", "t".repeat(3000), null, null,
                new Party("operatorGroup", "g-2", "Schoonmaak"), DUE, false, WorkState.OPEN, null, NOW, null);
        NewPromise p = ItemRules.newPromise(item, "topdesk", OWNERS, NOW);
        assertEquals("facility-desk", p.owner());
        assertEquals("topdesk:unknown", p.customerId());
        assertEquals(ItemRules.TEXT, p.description().length());
        assertNull("made now when the system does not say when", p.madeAt());
    }

    @Test
    public void aMovedTargetDateIsOneRenegotiationNamingTheSystemAndTheChange() {
        Promise open = promise(PromiseStatus.OPEN, DUE);
        Instant later = DUE.plus(Duration.ofDays(1));
        Optional<PromiseStep> step = ItemRules.step(Items.open("inc-1", NOW, later), open, "TOPdesk", NOW);
        PromiseStep.Renegotiate move = (PromiseStep.Renegotiate) step.orElseThrow();
        assertEquals(later, move.newDueAt());
        assertEquals("TOPdesk I 2611 inc-1: target date moved from 2026-11-04 09:00 UTC to 2026-11-05 09:00 UTC", move.reason());
        assertTrue("the same date again asks for nothing",
                ItemRules.step(Items.open("inc-1", NOW, later), promise(PromiseStatus.OPEN, later), "TOPdesk", NOW).isEmpty());
    }

    @Test
    public void aBrokenPromiseIsNotRenegotiatedButTheChangeIsRemarked() {
        Promise broken = promise(PromiseStatus.BROKEN, NOW.minusSeconds(60));
        Optional<PromiseStep> step = ItemRules.step(Items.open("inc-1", NOW, DUE), broken, "TOPdesk", NOW);
        assertTrue(step.orElseThrow() instanceof PromiseStep.Remark);
    }

    @Test
    public void completedKeepsCancelledCancelsAndFinalPromisesStayAsTheyAre() {
        WorkItem done = Items.with(Items.open("inc-1", NOW, DUE), WorkState.COMPLETED, NOW, DUE);
        assertTrue(ItemRules.step(done, promise(PromiseStatus.OPEN, DUE), "TOPdesk", NOW).orElseThrow() instanceof PromiseStep.Keep);
        assertTrue(ItemRules.step(done, promise(PromiseStatus.BROKEN, DUE), "TOPdesk", NOW).orElseThrow() instanceof PromiseStep.Keep);
        assertTrue(ItemRules.step(done, promise(PromiseStatus.KEPT_LATE, DUE), "TOPdesk", NOW).isEmpty());
        WorkItem cancelled = Items.with(done, WorkState.CANCELLED, NOW, DUE);
        assertTrue(ItemRules.step(cancelled, promise(PromiseStatus.OPEN, DUE), "TOPdesk", NOW).orElseThrow() instanceof PromiseStep.Cancel);
        for (PromiseStatus settled : List.of(PromiseStatus.KEPT, PromiseStatus.CANCELLED)) {
            assertTrue(ItemRules.step(cancelled, promise(settled, DUE), "TOPdesk", NOW).isEmpty());
        }
    }

    @Test
    public void aTargetDateAlreadyPastOrRemovedIsNotRenegotiated() {
        assertTrue(ItemRules.step(Items.open("inc-1", NOW, NOW.minusSeconds(5)), promise(PromiseStatus.OPEN, DUE), "TOPdesk", NOW)
                .orElseThrow() instanceof PromiseStep.Remark);
        assertTrue(ItemRules.step(Items.open("inc-1", NOW, null), promise(PromiseStatus.OPEN, DUE), "TOPdesk", NOW).isEmpty());
    }

    @Test
    public void ownerMappingMatchesNameThenIdAndRefusesPairsWithoutOwner() {
        OwnerMapping m = OwnerMapping.parse(new String[] {"Facilitair beheer=team-north; g-7 = team-south"}, "desk");
        assertEquals("team-north", m.ownerFor(new Party("operatorGroup", "g-1", "Facilitair beheer")));
        assertEquals("team-south", m.ownerFor(new Party("operatorGroup", "g-7", "Other name")));
        assertEquals("desk", m.ownerFor(null));
        try {
            OwnerMapping.parse(new String[] {"Facilitair beheer="}, "desk");
            throw new AssertionError("accepted a pair without owner");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("group=owner"));
        }
    }

    private static Promise promise(PromiseStatus status, Instant dueAt) {
        return new Promise("p-1", "b-zon", "Hotel Zon", "d", null, "topdesk", "team-north", Channel.FM_SYSTEM,
                new Origin("topdesk", "inc-1"), NOW.minus(Duration.ofDays(1)), dueAt, status, null, null, null, null,
                List.of(), "I 2611 inc-1", 1);
    }
}
