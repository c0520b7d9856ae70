package org.omotenashi.escalation.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.omotenashi.escalation}. */
@ObjectClassDefinition(pid = "org.omotenashi.escalation", name = "Omotenashi escalation", description = "Escalation rules, levels and delivery.")
@interface EscalationConfig {
    @AttributeDefinition(description = "Email addresses told at level 1 when a rule names no recipients of its own.")
    String[] level1Recipients() default {};

    @AttributeDefinition(description = "Business time (ISO-8601 duration) to acknowledge at level 1 before moving to level 2; empty: never moves.")
    String level1AcknowledgeWithin() default "PT4H";

    @AttributeDefinition(description = "Email addresses told at level 2.")
    String[] level2Recipients() default {};

    @AttributeDefinition(description = "Business time to acknowledge at level 2 before moving to level 3.")
    String level2AcknowledgeWithin() default "PT8H";

    @AttributeDefinition(description = "Email addresses told at level 3, the top.")
    String[] level3Recipients() default {};

    @AttributeDefinition(description = "customerId=segment pairs; the segment is the variable 'segment' in conditions.")
    String[] customerSegments() default {};

    @AttributeDefinition(description = "Allow webhooks to loopback and link-local addresses (tests, a receiver on the same machine).")
    boolean allowLocalWebhookTargets() default false;

    @AttributeDefinition(description = "Resolve a promise's escalations when it is kept, kept late or cancelled.")
    boolean resolveWhenPromiseSettled() default true;

    @AttributeDefinition(description = "Seconds between evaluations of time triggers and of unacknowledged escalations.", min = "1")
    int scheduleIntervalSeconds() default 10;

    @AttributeDefinition(description = "Milliseconds between runs of the delivery worker.", min = "100")
    long deliveryIntervalMillis() default 1000;

    @AttributeDefinition(description = "Wait after the first failed delivery attempt; it doubles with each further failure.")
    String retryBase() default "PT5S";

    @AttributeDefinition(description = "Longest wait between two delivery attempts.")
    String retryCap() default "PT1H";

    @AttributeDefinition(description = "A delivery still failing this long after it was due is given up and marked FAILED.")
    String giveUpAfter() default "PT72H";

    @AttributeDefinition(description = "Days a finished delivery (delivered or given up) stays in the delivery log after its last attempt.",
            min = "1")
    int deliveriesKeptDays() default 30;

    @AttributeDefinition(description = "Seconds a webhook receiver has to connect and answer.", min = "1")
    int webhookTimeoutSeconds() default 10;

    @AttributeDefinition(description = "Folders watched for rule files named escalation-<id>.json; empty: Karaf's etc and deploy folders.")
    String[] ruleDirectories() default {};

    @AttributeDefinition(description = "Seconds between scans of the rule folders.", min = "1")
    int ruleScanIntervalSeconds() default 2;

    @AttributeDefinition(description = "File holding the key that seals webhook secrets in the database; created when missing. "
            + "Empty: omotenashi-escalation.key in Karaf's etc folder. Every machine sharing the database needs the same file.")
    String secretKeyFile() default "";

    @AttributeDefinition(description = "LDAP filter selecting the DataSource service to store escalations in.")
    String dataSource_target() default "(dataSourceName=omotenashi)";
}
