package org.omotenashi.core.security;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Checks a user name and password against the configured JAAS realm. */
@ProviderType
public interface Authenticator {
    /** The caller, or empty when the credentials are wrong. */
    Optional<Caller> authenticate(String user, String password);
}
