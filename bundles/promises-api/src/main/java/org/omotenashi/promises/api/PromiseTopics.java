package org.omotenashi.promises.api;

/**
 * EventAdmin topics the tracker posts, with plain properties so subscribers need no class of ours:
 * {@code promiseId}, {@code customerId}, {@code owner}, {@code dueAt} (ISO-8601), {@code status}.
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

    private PromiseTopics() {
    }
}
