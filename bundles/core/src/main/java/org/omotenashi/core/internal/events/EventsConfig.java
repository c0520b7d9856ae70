package org.omotenashi.core.internal.events;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.omotenashi.events}. */
@ObjectClassDefinition(name = "Omotenashi event log",
        description = "The durable log of the suite's events: retention, and how consumers start and retry.")
@interface EventsConfig {
    @AttributeDefinition(description = "Days an event stays in the log; older ones are purged. A consumer stopped for "
            + "longer misses the purged events and says so in the log and in event:lag.", min = "1")
    int retentionDays() default 30;

    @AttributeDefinition(description = "Minutes between purges of events older than the retention.", min = "1")
    int purgeIntervalMinutes() default 60;

    @AttributeDefinition(description = "Where a consumer seen for the first time starts: now (the head of the log) "
            + "or earliest (every event still in the log).")
    String newConsumersStartAt() default "now";

    @AttributeDefinition(description = "How often a consumer's reaction may fail on one event before the event is set "
            + "aside (kept with its error, visible in event:lag). Database outages never count.", min = "1")
    int maxAttempts() default 10;

    @AttributeDefinition(description = "Milliseconds between relay runs when no commit woke it: events committed by "
            + "other nodes sharing the database, or after a restart.", min = "10")
    long relayIntervalMillis() default 1000;

    @AttributeDefinition(description = "Milliseconds between consumer runs when the relay did not wake them.", min = "10")
    long consumerIntervalMillis() default 1000;

    @AttributeDefinition(description = "LDAP filter selecting the DataSource service the log lives in: the one the "
            + "modules store in, since an event is written in the transaction of its change.")
    String dataSource_target() default "(dataSourceName=omotenashi)";
}
