package org.omotenashi.core.security;

import java.util.Set;

/** Who made a request and which roles the realm gave them. */
public record Caller(String name, Set<String> roles) {
    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean hasAnyRole(String... wanted) {
        for (String role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
