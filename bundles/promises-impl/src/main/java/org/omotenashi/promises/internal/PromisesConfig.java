package org.omotenashi.promises.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.omotenashi.promises}, shared by the tracker and its sweep. */
@ObjectClassDefinition(name = "Omotenashi promises", description = "The promise tracker.")
@interface PromisesConfig {
    @AttributeDefinition(description = "ISO-8601 duration before dueAt at which DUE_SOON is raised, once per promise.")
    String dueSoonWindow() default "PT24H";

    @AttributeDefinition(description = "Seconds between sweeps that break overdue promises and flag those coming due. "
            + "Must stay under 60 so a promise breaks within a minute of its due date.", min = "1", max = "59")
    int sweepIntervalSeconds() default 15;

    @AttributeDefinition(description = "LDAP filter selecting the DataSource service to store promises in.")
    String dataSource_target() default "(dataSourceName=omotenashi)";
}
