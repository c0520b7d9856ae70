package org.omotenashi.promises.api;

/**
 * Topics of the tracker's events (in the durable event log and on EventAdmin), with plain properties so
 * subscribers need no class of ours: {@code promiseId}, {@code customerId}, {@code owner}, {@code dueAt}
 * (ISO-8601), {@code status}, {@code originType}/{@code originRef} when the promise has an origin,
 * {@code contactEmail} and {@code language} when the promise names a contact with them, and {@code by} and
 * {@code reason} on the changes people make (who, and why when they said).
 */
public final class PromiseTopics {
    public static final String PREFIX = "omotenashi/promise/";
    public static final String CREATED = PREFIX + "CREATED";
    public static final String DUE_SOON = PREFIX + "DUE_SOON";
    public static final String BROKEN = PREFIX + "BROKEN";
    public static final String KEPT = PREFIX + "KEPT";
    public static final String KEPT_LATE = PREFIX + "KEPT_LATE";
    public static final String RENEGOTIATED = PREFIX + "RENEGOTIATED";
    public static final String CANCELLED = PREFIX + "CANCELLED";
    public static final String REASSIGNED = PREFIX + "REASSIGNED";
    public static final String ALL = PREFIX + "*";

    public static final String PROMISE_ID = "promiseId";
    public static final String CUSTOMER_ID = "customerId";
    public static final String OWNER = "owner";
    public static final String DUE_AT = "dueAt";
    public static final String STATUS = "status";
    public static final String ORIGIN_TYPE = "originType";
    public static final String ORIGIN_REF = "originRef";
    public static final String CONTACT_EMAIL = "contactEmail";
    public static final String LANGUAGE = "language";
    public static final String BY = "by";
    public static final String REASON = "reason";

    private PromiseTopics() {
    }
}
