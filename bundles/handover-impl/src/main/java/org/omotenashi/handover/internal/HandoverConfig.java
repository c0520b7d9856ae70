package org.omotenashi.handover.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.omotenashi.handover}: the checklist, the acknowledgement target, the watch. */
@ObjectClassDefinition(name = "Omotenashi handover", description = "The handover from sales to service.")
@interface HandoverConfig {
    @AttributeDefinition(description = "What a handover needs before it can be submitted. Any of: contacts, "
            + "expectations, contractStart, serviceTeam, promises, notes.")
    String[] requiredItems() default {"contacts", "expectations", "contractStart", "serviceTeam"};

    @AttributeDefinition(description = "Business hours within which service must acknowledge a submitted handover; "
            + "ACK_OVERDUE is raised once when they have passed.", min = "1", max = "400")
    int ackTargetBusinessHours() default 8;

    @AttributeDefinition(description = "Seconds between checks for overdue acknowledgements and for accepted "
            + "promises still to register in the promise tracker.", min = "1", max = "3600")
    int checkIntervalSeconds() default 15;

    @AttributeDefinition(description = "LDAP filter selecting the DataSource service to store handovers in.")
    String dataSource_target() default "(dataSourceName=omotenashi)";
}
