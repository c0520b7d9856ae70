package org.omotenashi.core.internal.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.omotenashi.core.security.Authenticator;
import org.omotenashi.core.security.Caller;

/** HTTP Basic, read from an Authorization header and checked against the realm. */
public final class BasicCredentials {
    public static final String CHALLENGE = "Basic realm=\"omotenashi\", charset=\"UTF-8\"";

    private BasicCredentials() {
    }

    public static Optional<Caller> authenticate(Authenticator authenticator, String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : authenticator.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
