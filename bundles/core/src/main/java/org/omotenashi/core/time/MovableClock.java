package org.omotenashi.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that runs with a base clock plus an offset that can be moved. The suite's clock service
 * is one (offset zero in production); tests move it instead of sleeping.
 */
public class MovableClock extends Clock {
    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public MovableClock(Clock base) {
        this.base = base;
    }

    /** A clock standing still at {@code start} until moved: what unit tests want. */
    public static MovableClock fixedAt(Instant start) {
        return new MovableClock(Clock.fixed(start, ZoneOffset.UTC));
    }

    public void setOffset(Duration newOffset) {
        offset.set(newOffset);
    }

    public void advance(Duration amount) {
        offset.accumulateAndGet(amount, Duration::plus);
    }

    public Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        MovableClock clock = new MovableClock(base.withZone(zone));
        clock.setOffset(offset.get());
        return clock;
    }
}
