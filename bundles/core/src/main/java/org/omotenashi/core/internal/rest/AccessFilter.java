package org.omotenashi.core.internal.rest;

import java.security.Principal;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;

import org.omotenashi.core.internal.access.BasicCredentials;
import org.omotenashi.core.internal.access.RoleCheck;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.security.Allow;
import org.omotenashi.core.security.Authenticator;
import org.omotenashi.core.security.Caller;

/**
 * HTTP Basic against the JAAS realm, then the roles that {@link Allow} names on the matched method.
 * Runs before the body is read, so a refused caller costs no parsing and changes nothing.
 */
@Priority(Priorities.AUTHENTICATION)
public class AccessFilter implements ContainerRequestFilter {
    private final Authenticator authenticator;

    @Context
    private ResourceInfo resourceInfo;

    public AccessFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String[] allowed = RoleCheck.allowedRoles(resourceInfo.getResourceMethod(), resourceInfo.getResourceClass());
        if (RoleCheck.isPublic(allowed)) {
            return;
        }
        Caller caller = BasicCredentials.authenticate(authenticator, request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .orElseThrow(ProblemException::unauthorized);
        if (!RoleCheck.permits(allowed, caller)) {
            throw ProblemException.forbidden();
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new CallerSecurityContext(caller, secure));
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
