package org.omotenashi.promises.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.Test;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.promises.api.Channel;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseStatus;

public class PromiseRulesTest {
    private static final Instant MADE = Instant.parse("2026-05-01T09:00:00Z");
    private static final Instant DUE = Instant.parse("2026-05-04T17:00:00Z");

    private static Promise open() {
        return new Promise("p1", "c1", "Hotel Zon", "Fix the lift", "Working before the guests arrive", "sales-anna",
                "team-north", Channel.PHONE, null, MADE, DUE, PromiseStatus.OPEN, null, null, null, null, List.of(),
                null, 1);
    }

    private static int refusalStatus(Runnable step) {
        try {
            step.run();
        } catch (ProblemException e) {
            return e.status();
        }
        fail("the step should have been refused");
        return 0;
    }

    @Test
    public void keepingBeforeTheDueDateKeepsItOnTime() {
        Instant now = DUE.minus(Duration.ofHours(1));
        Promise kept = PromiseRules.keep(open(), "WO-1 closed", now);
        assertEquals(PromiseStatus.KEPT, kept.status());
        assertEquals(now, kept.keptAt());
        assertEquals("WO-1 closed", kept.evidence());
        assertNull(kept.brokenAt());
        assertEquals(2, kept.version());
    }

    @Test
    public void keepingAfterTheDueDateBeforeTheSweepIsStillLate() {
        Promise kept = PromiseRules.keep(open(), null, DUE.plusSeconds(5));
        assertEquals(PromiseStatus.KEPT_LATE, kept.status());
        assertEquals(DUE, kept.brokenAt());
    }

    @Test
    public void keepingABrokenPromiseIsKeptLate() {
        Promise broken = new Promise("p1", "c1", null, "d", null, "a", "a", Channel.EMAIL, null, MADE, DUE,
                PromiseStatus.BROKEN, null, null, DUE.plusSeconds(10), null, List.of(), null, 2);
        Promise kept = PromiseRules.keep(broken, null, DUE.plus(Duration.ofDays(1)));
        assertEquals(PromiseStatus.KEPT_LATE, kept.status());
        assertEquals(DUE.plusSeconds(10), kept.brokenAt());
    }

    @Test
    public void keepingACancelledPromiseIsRefused() {
        Promise cancelled = PromiseRules.cancel(open(), "customer withdrew");
        assertEquals(409, refusalStatus(() -> PromiseRules.keep(cancelled, null, MADE)));
    }

    @Test
    public void keepingTwiceIsRefused() {
        Promise kept = PromiseRules.keep(open(), null, MADE);
        assertEquals(409, refusalStatus(() -> PromiseRules.keep(kept, null, MADE)));
    }

    @Test
    public void renegotiatingMovesTheDueDateAndKeepsThePromiseOpen() {
        Instant now = DUE.minus(Duration.ofHours(2));
        Instant later = DUE.plus(Duration.ofDays(2));
        Promise moved = PromiseRules.renegotiate(open(), later, "part on back order", "anna", now);
        assertEquals(PromiseStatus.OPEN, moved.status());
        assertEquals(later, moved.dueAt());
        assertEquals(1, moved.renegotiations().size());
        assertEquals(DUE, moved.renegotiations().get(0).previousDueAt());
        assertEquals("part on back order", moved.renegotiations().get(0).reason());
        assertEquals("anna", moved.renegotiations().get(0).by());
    }

    @Test
    public void renegotiatingAfterTheDueDateIsRefusedBecauseItAlreadyBroke() {
        assertEquals(409, refusalStatus(() ->
                PromiseRules.renegotiate(open(), DUE.plus(Duration.ofDays(3)), "late", "anna", DUE.plusSeconds(1))));
    }

    @Test
    public void renegotiatingToAPastDateIsInvalid() {
        Instant now = DUE.minus(Duration.ofHours(2));
        assertEquals(400, refusalStatus(() -> PromiseRules.renegotiate(open(), now.minusSeconds(1), "x", "anna", now)));
    }

    @Test
    public void cancellingAKeptPromiseIsRefused() {
        Promise kept = PromiseRules.keep(open(), null, MADE);
        assertEquals(409, refusalStatus(() -> PromiseRules.cancel(kept, "no")));
    }

    @Test
    public void aBrokenPromiseCanBeCancelled() {
        Promise broken = new Promise("p1", "c1", null, "d", null, "a", "a", Channel.EMAIL, null, MADE, DUE,
                PromiseStatus.BROKEN, null, null, DUE, null, List.of(), null, 2);
        Promise cancelled = PromiseRules.cancel(broken, "customer sold the building");
        assertEquals(PromiseStatus.CANCELLED, cancelled.status());
        assertEquals("customer sold the building", cancelled.cancelReason());
    }

    @Test
    public void onlyAnOpenPromisePastItsDueDateIsBroken() {
        assertTrue(PromiseRules.isBroken(open(), DUE.plusMillis(1)));
        assertEquals(false, PromiseRules.isBroken(open(), DUE));
        assertEquals(false, PromiseRules.isBroken(PromiseRules.keep(open(), null, MADE), DUE.plusSeconds(60)));
    }
}
