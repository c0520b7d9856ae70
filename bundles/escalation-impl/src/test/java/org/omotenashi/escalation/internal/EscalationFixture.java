package org.omotenashi.escalation.internal;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.omotenashi.core.calendar.BusinessCalendar;
import org.omotenashi.core.calendar.internal.WorkingHoursCalendar;
import org.omotenashi.core.time.MovableClock;
import org.omotenashi.escalation.api.EscalationRule;
import org.omotenashi.promises.api.PromiseTracker;
import org.omotenashi.testing.MemoryDatabase;
import org.omotenashi.testing.RecordedEvents;

/** A fresh in-memory database migrated by the real changelog, a clock the test moves, and Mon–Fri 09–17 Amsterdam. */
class EscalationFixture {
    /** Friday 1 May 2026, 10:00 in Amsterdam. */
    static final Instant FRIDAY_10 = Instant.parse("2026-05-01T08:00:00Z");
    /** Saturday 2 May 2026, 11:00 in Amsterdam. */
    static final Instant SATURDAY_11 = Instant.parse("2026-05-02T09:00:00Z");
    /** Monday 4 May 2026, 09:00 in Amsterdam. */
    static final Instant MONDAY_09 = Instant.parse("2026-05-04T07:00:00Z");

    final MovableClock clock;
    final RecordedEvents eventAdmin;
    final BusinessCalendar calendar = new WorkingHoursCalendar(ZoneId.of("Europe/Amsterdam"),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0), d -> false);
    final EmbeddedDataSource dataSource;
    final SecretSeal seal = SecretSeal.withNewKey();
    PromiseTracker tracker;
    final StoredEscalations escalations;

    EscalationFixture(Instant start) {
        this(start, settingsAllowingLocalWebhooks());
    }

    EscalationFixture(Instant start, EscalationSettings settings) {
        clock = MovableClock.fixedAt(start);
        dataSource = MemoryDatabase.migrated(EscalationServiceComponent.CHANGELOG, EscalationServiceComponent.class);
        Supplier<PromiseTracker> promises = () -> tracker;
        eventAdmin = new RecordedEvents(dataSource, clock);
        escalations = new StoredEscalations(dataSource, seal, clock, calendar, new EscalationEvents(eventAdmin.log()), promises,
                settings);
    }

    static EscalationSettings settingsAllowingLocalWebhooks() {
        EscalationSettings d = EscalationSettings.defaults();
        return new EscalationSettings(d.levels(), Map.of("c-gold", "gold"), true, true, d.mailSubjectTemplate(),
                d.mailBodyTemplate());
    }

    EscalationRule rule(String json) {
        return escalations.createRule(escalations.ruleReader().read(json.replace('\'', '"').replace('`', '\'').getBytes(StandardCharsets.UTF_8)));
    }

    static Map<String, Object> promiseEvent(String promiseId, String customerId) {
        Map<String, Object> p = new HashMap<>();
        p.put("promiseId", promiseId);
        p.put("customerId", customerId);
        p.put("owner", "service-bob");
        p.put("dueAt", "2026-05-01T07:00:00Z");
        p.put("status", "BROKEN");
        return p;
    }
}
