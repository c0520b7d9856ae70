package org.omotenashi.core.query;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.omotenashi.core.security.KeyFile;

/**
 * HMAC-SHA256 over a cursor's text and the list it belongs to, under a key that lives outside the database:
 * a cursor someone changed, cut short, made up or took from another list does not verify.
 */
final class CursorSignature {
    /** The key file in Karaf's etc folder; machines that answer for each other share it. */
    static final String KEY_FILE = "omotenashi-cursor.key";
    private static final String ALGORITHM = "HmacSHA256";
    private static final char LIST_SEPARATOR = '\u001e';
    private static volatile CursorSignature suite;

    private final SecretKeySpec key;

    CursorSignature(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /**
     * The suite's signature: in Karaf the key in {@value #KEY_FILE} (created on first use), so cursors outlive
     * a restart or an update; elsewhere (unit tests) a key of the process's own.
     */
    static CursorSignature suite() {
        CursorSignature current = suite;
        if (current == null) {
            synchronized (CursorSignature.class) {
                current = suite;
                if (current == null) {
                    current = new CursorSignature(System.getProperty("karaf.etc") == null ? KeyFile.newKey()
                            : KeyFile.read(KeyFile.inKarafEtc(KEY_FILE)));
                    suite = current;
                }
            }
        }
        return current;
    }

    String sign(String list, byte[] text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(list, text));
    }

    private byte[] mac(String list, byte[] text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((list + LIST_SEPARATOR).getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(text);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
