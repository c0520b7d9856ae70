package org.omotenashi.core.internal.customer;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.omotenashi.customer}: the contact budget. */
@ObjectClassDefinition(name = "Omotenashi customer journey",
        description = "The contact budget: when a customer is not asked for an opinion automatically.")
@interface ContactBudgetConfig {
    @AttributeDefinition(description = "No automatic survey invitation while the customer has an open (or acknowledged, "
            + "unresolved) escalation.")
    boolean holdWhileEscalationOpen() default true;

    @AttributeDefinition(description = "Days after one of the customer's promises broke during which no automatic "
            + "survey invitation is sent. 0 switches this hold off.", min = "0", max = "365")
    int quietDaysAfterBrokenPromise() default 14;
}
