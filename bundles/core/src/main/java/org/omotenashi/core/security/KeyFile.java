package org.omotenashi.core.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A 256-bit key kept in a file beside the configuration, never in the database, so that a copy of the
 * database alone gives away nothing the key protects. The file is created on first use, readable by its
 * owner only; every machine serving the same database needs the same file.
 */
public final class KeyFile {
    /** The length of every key, in bytes. */
    public static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFile() {
    }

    /** The file {@code name} in Karaf's etc folder (the working directory's {@code etc} outside Karaf). */
    public static Path inKarafEtc(String name) {
        return Path.of(System.getProperty("karaf.etc", "etc"), name);
    }

    /** The key in {@code file}, which is created first when it does not exist yet. */
    public static byte[] read(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] raw = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (raw.length != KEY_BYTES) {
                throw new IllegalStateException(file + " does not hold a 256-bit key");
            }
            return raw;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key at " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " does not hold a key in base64", e);
        }
    }

    /** A fresh random key that lives only as long as the caller keeps it (tests, a process on its own). */
    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
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
            Files.writeString(draft, Base64.getEncoder().encodeToString(newKey()) + "\n", StandardCharsets.US_ASCII);
            Files.createLink(file, draft);
        } catch (FileAlreadyExistsException e) {
            // another component created it first: use theirs
        } finally {
            Files.deleteIfExists(draft);
        }
    }
}
