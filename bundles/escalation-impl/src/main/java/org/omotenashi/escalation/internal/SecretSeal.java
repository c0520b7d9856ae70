package org.omotenashi.escalation.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.omotenashi.core.json.Json;
import org.omotenashi.core.security.KeyFile;

/**
 * Webhook secrets as the database keeps them: sealed with AES-256-GCM under the module's own key, which
 * lives in a file beside the configuration, never in the database. A copy of the database alone does not
 * give away the secrets that sign the webhooks. Values stored before sealing was introduced are read as
 * they are and sealed the next time they are written.
 */
final class SecretSeal {
    /** How a sealed value begins; anything else was stored in the clear. */
    static final String PREFIX = "sealed:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final String keyName;

    private SecretSeal(SecretKey key, String keyName) {
        this.key = key;
        this.keyName = keyName;
    }

    /** The key the configuration names: {@code secretKeyFile}, or omotenashi-escalation.key in Karaf's etc folder. */
    static SecretSeal configured(EscalationConfig config) {
        String file = config.secretKeyFile().strip();
        return fromKeyFile(file.isEmpty() ? KeyFile.inKarafEtc("omotenashi-escalation.key") : Path.of(file));
    }

    /** A key of its own, for a database that lives no longer than the object (tests). */
    static SecretSeal withNewKey() {
        return new SecretSeal(new SecretKeySpec(KeyFile.newKey(), "AES"), "a key held in memory");
    }

    /**
     * The key in {@code file}, which is created (readable by its owner only) when it does not exist yet.
     * Every machine serving the same database needs the same file.
     */
    static SecretSeal fromKeyFile(Path file) {
        return new SecretSeal(new SecretKeySpec(KeyFile.read(file), "AES"), file.toString());
    }

    /** The secret as stored; null stays null. */
    String seal(String secret) {
        if (secret == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a webhook secret", e);
        }
    }

    /** The secret behind a stored value; a value stored before sealing is returned as it is. */
    String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A stored webhook secret cannot be opened with " + keyName
                    + ": it was sealed with another key", e);
        }
    }

    /** A rule definition as stored: every action's secret sealed. */
    String sealIn(String definition) {
        return mapSecrets(definition, true);
    }

    /** A stored rule definition with every action's secret opened again. */
    String openIn(String definition) {
        return mapSecrets(definition, false);
    }

    /** Whether a stored rule definition still holds a secret in the clear. */
    boolean holdsOpenSecrets(String definition) {
        try {
            for (JsonNode action : Json.mapper().readTree(definition).path("actions")) {
                if (action.path("secret").isTextual() && !action.get("secret").asText().startsWith(PREFIX)) {
                    return true;
                }
            }
            return false;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a rule definition is not JSON", e);
        }
    }

    private String mapSecrets(String definition, boolean sealing) {
        try {
            JsonNode root = Json.mapper().readTree(definition);
            boolean changed = false;
            for (JsonNode action : root.path("actions")) {
                if (action instanceof ObjectNode o && o.path("secret").isTextual()) {
                    String secret = o.get("secret").asText();
                    o.put("secret", sealing ? seal(open(secret)) : open(secret));
                    changed = true;
                }
            }
            return changed ? Json.mapper().writeValueAsString(root) : definition;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a rule definition is not JSON", e);
        }
    }
}
