package org.omotenashi.core.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call a REST resource method or SOAP operation. A method without it falls back
 * to its class; a resource with neither is refused to everyone, so forgetting it fails closed.
 * {@link #PUBLIC} marks the few entry points that a one-time token protects instead of a login.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allow {
    /** Any authenticated caller, whatever roles they have. */
    String AUTHENTICATED = "*";
    /** No login at all; the operation checks its own token. */
    String PUBLIC = "public";

    String[] value();
}
