package org.omotenashi.handover.api;

/**
 * Topics of the handover module's events (in the durable event log and on EventAdmin), with plain properties:
 * {@code handoverId}, {@code dealRef}, {@code customerId}, {@code serviceTeam}, {@code soldBy}, {@code status},
 * {@code by}, {@code at} (ISO-8601), {@code contactEmail} and {@code language} of the primary contact when known,
 * {@code reason} (the comment of the step) when given, {@code questions} on RETURNED; ACK_OVERDUE adds
 * {@code submittedAt} and {@code ackTargetBusinessHours}.
 */
public final class HandoverTopics {
    public static final String PREFIX = "omotenashi/handover/";
    public static final String SUBMITTED = PREFIX + "SUBMITTED";
    public static final String ACKNOWLEDGED = PREFIX + "ACKNOWLEDGED";
    public static final String RETURNED = PREFIX + "RETURNED";
    public static final String ACCEPTED = PREFIX + "ACCEPTED";
    public static final String ACK_OVERDUE = PREFIX + "ACK_OVERDUE";
    public static final String ALL = PREFIX + "*";

    public static final String HANDOVER_ID = "handoverId";
    public static final String DEAL_REF = "dealRef";
    public static final String CUSTOMER_ID = "customerId";
    public static final String SERVICE_TEAM = "serviceTeam";
    public static final String SOLD_BY = "soldBy";
    public static final String STATUS = "status";
    public static final String BY = "by";
    public static final String AT = "at";
    public static final String SUBMITTED_AT = "submittedAt";
    public static final String ACK_TARGET_BUSINESS_HOURS = "ackTargetBusinessHours";
    public static final String CONTACT_EMAIL = "contactEmail";
    public static final String LANGUAGE = "language";
    public static final String REASON = "reason";
    public static final String QUESTIONS = "questions";

    /** The origin type under which accepted handover promises are registered in the promise tracker. */
    public static final String PROMISE_ORIGIN = "SALES_HANDOVER";

    private HandoverTopics() {
    }
}
