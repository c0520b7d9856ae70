package org.omotenashi.core.internal.access;

import java.lang.reflect.Method;

import org.omotenashi.core.security.Allow;
import org.omotenashi.core.security.Caller;

/** The one reading of {@link Allow}, for REST resources and SOAP operations alike. */
public final class RoleCheck {
    private RoleCheck() {
    }

    /** The roles named on the method, else on its class; none (nobody may call) when neither has any. */
    public static String[] allowedRoles(Method method, Class<?> type) {
        Allow allow = method == null ? null : method.getAnnotation(Allow.class);
        if (allow == null && type != null) {
            allow = type.getAnnotation(Allow.class);
        }
        return allow == null ? new String[0] : allow.value();
    }

    /** True when the caller holds one of the roles, or any role is enough. */
    public static boolean permits(String[] allowed, Caller caller) {
        for (String role : allowed) {
            if (Allow.AUTHENTICATED.equals(role) || caller.roles().contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** True when the roles name no login at all: the operation checks its own token. */
    public static boolean isPublic(String[] allowed) {
        return allowed.length == 1 && Allow.PUBLIC.equals(allowed[0]);
    }
}
