package org.omotenashi.core.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Instant;

import org.junit.Test;

public class TimestampsTest {

    @Test
    public void timestampsWithAnOffsetInTheYears1970To9999AreAccepted() {
        assertNull(Timestamps.problem("2026-05-01T17:00:00+02:00"));
        assertNull(Timestamps.problem("1970-01-01T00:00:00Z"));
        assertNull(Timestamps.problem("9999-12-31T23:59:59.999Z"));
        assertEquals(Instant.parse("2026-05-01T15:00:00Z"), Timestamps.parse("2026-05-01T17:00:00+02:00"));
    }

    @Test
    public void yearsNoDeadlineCanHaveAreRefused() {
        for (String far : new String[] {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                "+10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "9999-12-31T23:59:59-01:00"}) {
            assertEquals(far, "must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z", Timestamps.problem(far));
        }
    }

    @Test
    public void aTimeWithoutAnOffsetIsRefusedSayingSo() {
        assertTrue(Timestamps.problem("2026-05-01T17:00:00").startsWith("must carry an offset"));
        assertTrue(Timestamps.problem("tomorrow").startsWith("must be an ISO-8601 timestamp with offset"));
    }

    @Test
    public void datesFollowTheSameWindow() {
        assertNull(Timestamps.dateProblem("2027-01-01"));
        assertEquals("must be between 1970-01-01 and 9999-12-31", Timestamps.dateProblem("+999999999-12-31"));
        assertEquals("must be an ISO-8601 date, e.g. 2026-06-01", Timestamps.dateProblem("01-01-2027"));
    }
}
