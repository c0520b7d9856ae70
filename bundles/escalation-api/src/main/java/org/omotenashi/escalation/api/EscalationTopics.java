package org.omotenashi.escalation.api;

/**
 * Topics of the escalation module's events (in the durable event log and on EventAdmin), with plain properties:
 * {@code escalationId}, {@code ruleId}, {@code subjectType}, {@code subjectRef}, {@code customerId}, {@code level},
 * {@code status}, and who took the step ({@code by}: a person, {@code rule:<name>} or {@code system}) and why
 * ({@code reason}) when known. Rules are never triggered by these topics, so an escalation cannot escalate itself.
 */
public final class EscalationTopics {
    public static final String PREFIX = "omotenashi/escalation/";
    public static final String OPENED = PREFIX + "OPENED";
    public static final String RAISED = PREFIX + "RAISED";
    public static final String ACKNOWLEDGED = PREFIX + "ACKNOWLEDGED";
    public static final String RESOLVED = PREFIX + "RESOLVED";

    public static final String ESCALATION_ID = "escalationId";
    public static final String RULE_ID = "ruleId";
    public static final String SUBJECT_TYPE = "subjectType";
    public static final String SUBJECT_REF = "subjectRef";
    public static final String CUSTOMER_ID = "customerId";
    public static final String LEVEL = "level";
    public static final String STATUS = "status";
    public static final String BY = "by";
    public static final String REASON = "reason";

    private EscalationTopics() {
    }
}
