package org.omotenashi.core.internal.load;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;
import org.omotenashi.core.load.ReportGate;
import org.omotenashi.core.load.ReportKind;
import org.omotenashi.core.problem.ProblemException;

public class ReportPermitsTest {
    private final AtomicLong nanos = new AtomicLong();
    private final ReportPermits permits = new ReportPermits(nanos::get);

    private void refused(ReportKind kind) {
        ProblemException e = assertThrows(ProblemException.class, () -> permits.enter(kind));
        assertEquals(503, e.status());
        assertTrue(e.detail(), e.detail().contains("At most 2 scores requests"));
    }

    @Test
    public void beyondItsLimitAKindIsRefusedWith503UntilOneFinishes() {
        permits.limit(Map.of(ReportKind.SCORES, 2));
        ReportGate.Permit first = permits.enter(ReportKind.SCORES);
        ReportGate.Permit second = permits.enter(ReportKind.SCORES);
        refused(ReportKind.SCORES);
        first.close();
        ReportGate.Permit third = permits.enter(ReportKind.SCORES);
        refused(ReportKind.SCORES);
        second.close();
        third.close();
    }

    @Test
    public void closingAPermitTwiceReleasesItOnce() {
        permits.limit(Map.of(ReportKind.SCORES, 2));
        ReportGate.Permit first = permits.enter(ReportKind.SCORES);
        permits.enter(ReportKind.SCORES);
        first.close();
        first.close();
        permits.enter(ReportKind.SCORES);
        refused(ReportKind.SCORES);
    }

    @Test
    public void eachKindHasItsOwnLimit() {
        permits.limit(Map.of(ReportKind.SCORES, 2, ReportKind.EXPORTS, 1));
        permits.enter(ReportKind.SCORES);
        permits.enter(ReportKind.SCORES);
        ReportGate.Permit export = permits.enter(ReportKind.EXPORTS);
        assertEquals(503, assertThrows(ProblemException.class, () -> permits.enter(ReportKind.EXPORTS)).status());
        export.close();
        permits.enter(ReportKind.EXPORTS).close();
        refused(ReportKind.SCORES);
    }

    @Test
    public void newLimitsApplyToTheRequestsThatComeAfterThem() {
        permits.limit(Map.of(ReportKind.SCORES, 1));
        ReportGate.Permit running = permits.enter(ReportKind.SCORES);
        permits.limit(Map.of(ReportKind.SCORES, 2));
        permits.enter(ReportKind.SCORES);
        permits.enter(ReportKind.SCORES);
        refused(ReportKind.SCORES);
        running.close(); // released into the limits it entered under, not the new ones
        refused(ReportKind.SCORES);
    }

    @Test
    public void aLimitBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> permits.limit(Map.of(ReportKind.STATS, 0)));
    }

    private void takes(ReportKind kind, int seconds) {
        ReportGate.Permit permit = permits.enter(kind);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
        permit.close();
    }

    private int advised(ReportKind kind) {
        ProblemException e = assertThrows(ProblemException.class, () -> permits.enter(kind));
        assertEquals(503, e.status());
        return e.retryAfterSeconds();
    }

    @Test
    public void aRefusalAdvisesWaitingAboutAsLongAsItsKindHasLatelyTaken() {
        permits.limit(Map.of(ReportKind.SCORES, 1, ReportKind.STATS, 1));
        permits.enter(ReportKind.STATS);
        assertEquals("nothing measured yet", 1, advised(ReportKind.STATS));
        takes(ReportKind.SCORES, 8);
        ReportGate.Permit running = permits.enter(ReportKind.SCORES);
        assertEquals(8, advised(ReportKind.SCORES));
        running.close();
        takes(ReportKind.SCORES, 4);
        takes(ReportKind.SCORES, 2);
        permits.enter(ReportKind.SCORES);
        assertEquals("half the latest, half what was known before, rounded up", 3, advised(ReportKind.SCORES));
        assertEquals("another kind keeps its own", 1, advised(ReportKind.STATS));
    }

    @Test
    public void theAdviceStaysWithinAMinute() {
        permits.limit(Map.of(ReportKind.EXPORTS, 1));
        takes(ReportKind.EXPORTS, 600);
        permits.enter(ReportKind.EXPORTS);
        assertEquals(ReportPermits.MAX_RETRY_AFTER, advised(ReportKind.EXPORTS));
    }
}
