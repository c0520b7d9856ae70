package org.omotenashi.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signatures as the Standard Webhooks specification defines them, so senders and receivers can use any
 * of its libraries: HMAC-SHA256 over {@code id.timestamp.body} with the base64-decoded part of a {@code whsec_}
 * secret, carried as {@code webhook-signature: v1,<base64>} next to {@code webhook-id} and
 * {@code webhook-timestamp} (seconds since the epoch).
 */
public final class WebhookSignature {
    public static final String PREFIX = "whsec_";
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    /** How far a timestamp may lie from the receiver's clock, as the specification recommends. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** The value of {@code webhook-signature} for one message. */
    public static String sign(String secret, String id, long timestampSeconds, String body) {
        return sign(secret, id, timestampSeconds, body.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #sign(String, String, long, String)}, over the body's bytes exactly as they travel. */
    public static String sign(String secret, String id, long timestampSeconds, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(mac(key(secret), id, timestampSeconds, body));
    }

    /**
     * Checks a received message: all three headers present, the timestamp within {@code tolerance} of
     * {@code now}, and one of the space-separated {@code v1,} signatures matching (compared in constant time).
     */
    public static Check verify(String secret, String id, String timestamp, String signatures, byte[] body,
                               Instant now, Duration tolerance) {
        if (id == null || id.isBlank() || timestamp == null || signatures == null) {
            return Check.refused("the webhook-id, webhook-timestamp and webhook-signature headers are required");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Check.refused("webhook-timestamp is not a number of seconds");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return Check.refused("webhook-timestamp is more than " + tolerance.toMinutes() + " minutes from now");
        }
        byte[] expected = mac(key(secret), id, seconds, body);
        for (String candidate : signatures.strip().split(" +")) {
            if (!candidate.startsWith("v1,")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(3));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return Check.OK;
            }
        }
        return Check.refused("no webhook-signature matches the message");
    }

    /** A fresh random secret of 24 bytes. */
    public static String newSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Null when the secret is usable (null included: no secret), else what is wrong with it. */
    public static String problem(String secret) {
        if (secret == null) {
            return null;
        }
        try {
            return key(secret).length < 16 ? "must hold at least 16 bytes of key" : null;
        } catch (IllegalArgumentException e) {
            return "must be whsec_ followed by base64";
        }
    }

    /** The outcome of {@link #verify}: valid, or why not (for the log and the 401, never the secret). */
    public record Check(boolean valid, String reason) {
        static final Check OK = new Check(true, null);

        static Check refused(String reason) {
            return new Check(false, reason);
        }
    }

    private static byte[] mac(byte[] key, String id, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a whsec_ secret");
        }
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }
}
