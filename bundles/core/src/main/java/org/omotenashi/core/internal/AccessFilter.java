package org.omotenashi.core.internal;

import java.lang.reflect.Method;
import java.security.Principal;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;

import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.security.Allow;
import org.omotenashi.core.security.Authenticator;
import org.omotenashi.core.security.Caller;

/**
 * HTTP Basic against the JAAS realm, then the roles that {@link Allow} names on the matched method.
 * Runs before the body is read, so a refused caller costs no parsing and changes nothing.
 */
@Priority(Priorities.AUTHENTICATION)
class AccessFilter implements ContainerRequestFilter {
    private final Authenticator authenticator;

    @Context
    private ResourceInfo resourceInfo;

    AccessFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String[] allowed = allowedRoles(resourceInfo.getResourceMethod(), resourceInfo.getResourceClass());
        if (allowed.length == 1 && Allow.PUBLIC.equals(allowed[0])) {
            return;
        }
        Caller caller = BasicCredentials.authenticate(authenticator, request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .orElseThrow(ProblemException::unauthorized);
        if (!permits(allowed, caller)) {
            throw ProblemException.forbidden();
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new CallerSecurityContext(caller, secure));
    }

    static String[] allowedRoles(Method method, Class<?> type) {
        Allow allow = method == null ? null : method.getAnnotation(Allow.class);
        if (allow == null && type != null) {
            allow = type.getAnnotation(Allow.class);
        }
        return allow == null ? new String[0] : allow.value();
    }

    static boolean permits(String[] allowed, Caller caller) {
        for (String role : allowed) {
            if (Allow.AUTHENTICATED.equals(role) || caller.roles().contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** Lets resources ask who is calling through the standard JAX-RS SecurityContext. */
    private record CallerSecurityContext(Caller caller, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return caller::name;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.roles().contains(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return BASIC_AUTH;
        }
    }
}
