package org.omotenashi.core.security;

/** The roles of the suite, as the JAAS realm names them. */
public final class Roles {
    /** Sales staff: make promises and hand customers over. */
    public static final String SALES = "sales";
    /** Service staff: own promises after the handover, acknowledge, answer escalations. */
    public static final String SERVICE = "service";
    /** Facility and CRM systems calling in. */
    public static final String INTEGRATION = "integration";
    /** Everything, including rules and survey definitions. */
    public static final String DESK_ADMIN = "desk-admin";

    private Roles() {
    }
}
