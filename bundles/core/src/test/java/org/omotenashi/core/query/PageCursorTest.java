package org.omotenashi.core.query;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.Test;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.security.KeyFile;

public class PageCursorTest {
    private static final String SEPARATOR = "\u001f";

    @Test
    public void aCursorHandedOutGivesBackItsParts() {
        String cursor = PageCursor.encodeFor("promises", "1764460800000", "p_42");
        assertEquals(List.of("1764460800000", "p_42"), PageCursor.decodeFor("promises", cursor, 2));
    }

    @Test
    public void noCursorMeansTheFirstPage() {
        assertNull(PageCursor.decodeFor("promises", null, 2));
        assertNull(PageCursor.decodeFor("promises", "", 2));
    }

    @Test
    public void aCursorWithEveryBitFlippedInTurnIsRefused() {
        String cursor = PageCursor.encodeFor("promises", "1764460800000", "p_42");
        byte[] bytes = cursor.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 0; bit < 7; bit++) {
                byte[] flipped = bytes.clone();
                flipped[i] ^= (byte) (1 << bit);
                String tampered = new String(flipped, StandardCharsets.US_ASCII);
                if (!tampered.equals(cursor)) {
                    assertRefused(() -> PageCursor.decodeFor("promises", tampered, 2));
                }
            }
        }
    }

    @Test
    public void aCursorCutShortIsRefused() {
        String cursor = PageCursor.encodeFor("promises", "1764460800000", "p_42");
        for (int length = 1; length < cursor.length(); length++) {
            String truncated = cursor.substring(0, length);
            assertRefused(() -> PageCursor.decodeFor("promises", truncated, 2));
        }
    }

    @Test
    public void anUnsignedCursorWithAnotherPositionIsRefused() {
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("0" + SEPARATOR + "p_1").getBytes(StandardCharsets.UTF_8));
        assertRefused(() -> PageCursor.decodeFor("promises", forged, 2));
    }

    @Test
    public void theSameTextReEncodedWithTheOldSignatureIsRefused() {
        String cursor = PageCursor.encodeFor("promises", "1764460800000", "p_42");
        String signature = cursor.substring(cursor.indexOf('.'));
        String reEncoded = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("1764460800001" + SEPARATOR + "p_42").getBytes(StandardCharsets.UTF_8)) + signature;
        assertRefused(() -> PageCursor.decodeFor("promises", reEncoded, 2));
    }

    @Test
    public void aCursorOfAnotherListIsRefused() {
        String handovers = PageCursor.encodeFor("handovers", "1764460800000", "h_7");
        assertRefused(() -> PageCursor.decodeFor("promises", handovers, 2));
    }

    @Test
    public void aCursorSignedWithAnotherKeyIsRefused() {
        String foreign = PageCursor.encode(new CursorSignature(KeyFile.newKey()), "promises", "1764460800000", "p_42");
        assertRefused(() -> PageCursor.decodeFor("promises", foreign, 2));
    }

    @Test
    public void aCursorSignedWithTheSameKeyVerifiesInAnotherProcess() {
        byte[] key = KeyFile.newKey();
        String cursor = PageCursor.encode(new CursorSignature(key), "promises", "1764460800000", "p_42");
        assertEquals(List.of("1764460800000", "p_42"),
                PageCursor.decode(new CursorSignature(key.clone()), "promises", cursor, 2));
    }

    @Test
    public void aCursorWithAnotherNumberOfPartsIsRefused() {
        String cursor = PageCursor.encodeFor("timeline", "1764460800000", "promise", "3");
        assertRefused(() -> PageCursor.decodeFor("timeline", cursor, 2));
    }

    @Test
    public void aCursorOfAListThatDoesNotNameItselfStaysValidThere() {
        String cursor = PageCursor.encode("7", "g");
        assertEquals(List.of("7", "g"), PageCursor.decode(cursor, 2));
        assertRefused(() -> PageCursor.decodeFor("promises", cursor, 2));
    }

    private static void assertRefused(Runnable decode) {
        try {
            decode.run();
            fail("a cursor that was not handed out was accepted");
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            assertEquals("cursor", e.errors().get(0).field());
        }
    }
}
