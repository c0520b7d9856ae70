package org.omotenashi.survey.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.Test;

public class InvitationTokensTest {

    @Test
    public void aTokenIs32RandomBytesInUrlSafeBase64() {
        String token = InvitationTokens.newToken();
        assertEquals(43, token.length());
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"));
        assertTrue(InvitationTokens.isWellFormed(token));
    }

    @Test
    public void tokensDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(InvitationTokens.newToken()));
        }
    }

    @Test
    public void theStoredHashIsSha256HexAndNotTheToken() {
        String token = InvitationTokens.newToken();
        String hash = InvitationTokens.hash(token);
        assertEquals(64, hash.length());
        assertNotEquals(token, hash);
        assertEquals(hash, InvitationTokens.hash(token));
        // SHA-256("abc"), the FIPS 180-2 example
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", InvitationTokens.hash("abc"));
    }

    @Test
    public void malformedTokensAreRecognisedWithoutALookUp() {
        assertFalse(InvitationTokens.isWellFormed(null));
        assertFalse(InvitationTokens.isWellFormed("short"));
        assertFalse(InvitationTokens.isWellFormed("a".repeat(42) + "="));
        assertFalse(InvitationTokens.isWellFormed("a".repeat(42) + "/"));
        assertTrue(InvitationTokens.isWellFormed("a".repeat(43)));
    }
}
