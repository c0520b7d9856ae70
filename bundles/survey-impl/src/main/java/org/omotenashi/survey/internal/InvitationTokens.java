package org.omotenashi.survey.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One-time invitation tokens: 32 random bytes, URL-safe. Only their SHA-256 is stored, so a copy of the
 * database cannot be used to answer on someone's behalf; a plain hash suffices because 256 random bits
 * cannot be guessed, unlike a password.
 */
final class InvitationTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 32;
    /** Base64url of 32 bytes without padding. */
    static final int LENGTH = 43;

    private InvitationTokens() {
    }

    static String newToken() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** True for strings that could be a token we issued; anything else is unknown without a database look-up. */
    static boolean isWellFormed(String token) {
        if (token == null || token.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
