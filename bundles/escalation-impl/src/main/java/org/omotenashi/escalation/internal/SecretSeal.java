package org.omotenashi.escalation.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.omotenashi.core.json.Json;

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
        return fromKeyFile(file.isEmpty() ? Path.of(System.getProperty("karaf.etc", "etc"), "omotenashi-escalation.key")
                : Path.of(file));
    }

    /** A key of its own, for a database that lives no longer than the object (tests). */
    static SecretSeal withNewKey() {
        return new SecretSeal(newKey(), "a key held in memory");
    }

    /**
     * The key in {@code file}, which is created (readable by its owner only) when it does not exist yet.
     * Every machine serving the same database needs the same file.
     */
    static SecretSeal fromKeyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] raw = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (raw.length != 32) {
                throw new IllegalStateException(file + " does not hold a 256-bit key");
            }
            return new SecretSeal(new SecretKeySpec(raw, "AES"), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key for webhook secrets at " + file, e);
        }
    }

    /**
     * Written whole under another name, then linked in place: a link never replaces an existing file, so two
     * components starting at once end up with the same key, and nobody reads a half-written one.
     */
    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path draft = Files.createTempFile(dir, ".omotenashi-key", ".tmp");
        try {
            if (Files.getFileStore(draft).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(draft, Base64.getEncoder().encodeToString(newKey().getEncoded()) + "\n", StandardCharsets.US_ASCII);
            Files.createLink(file, draft);
        } catch (FileAlreadyExistsException e) {
            // another component created it first: use theirs
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 is not available", e);
        }
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
