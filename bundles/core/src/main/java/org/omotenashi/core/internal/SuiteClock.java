package org.omotenashi.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.omotenashi.core.time.MovableClock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The clock every module asks for the time. In production its offset is zero; acceptance tests
 * and rehearsals move it forward through configuration instead of waiting for real time to pass.
 */
@Component(service = Clock.class, configurationPid = "org.omotenashi.clock")
@Designate(ocd = SuiteClock.Config.class)
public class SuiteClock extends Clock {

    @ObjectClassDefinition(name = "Omotenashi clock", description = "The time the suite works with.")
    public @interface Config {
        @AttributeDefinition(description = "ISO-8601 duration added to the system time, e.g. PT72H. Leave PT0S in production.")
        String offset() default "PT0S";
    }

    private final MovableClock clock = new MovableClock(Clock.system(ZoneOffset.UTC));

    @Activate
    @Modified
    void configure(Config config) {
        clock.setOffset(Duration.parse(config.offset()));
    }

    @Override
    public Instant instant() {
        return clock.instant();
    }

    @Override
    public long millis() {
        return clock.instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return clock.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return clock.withZone(zone);
    }
}
