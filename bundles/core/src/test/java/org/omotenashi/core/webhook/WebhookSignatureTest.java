package org.omotenashi.core.webhook;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.Test;

public class WebhookSignatureTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final Instant THEN = Instant.ofEpochSecond(TIMESTAMP);

    @Test
    public void signingReproducesTheStandardWebhooksTestVector() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                WebhookSignature.sign(SECRET, ID, TIMESTAMP, "{\"test\": 2432232314}"));
    }

    @Test
    public void aDifferentBodyGivesADifferentSignature() {
        assertNotEquals(WebhookSignature.sign(SECRET, "msg_1", 1L, "{}"), WebhookSignature.sign(SECRET, "msg_1", 1L, "{ }"));
    }

    @Test
    public void theTestVectorVerifiesAmongOtherSignatures() {
        String header = "v1,bm90IGl0 v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        assertTrue(verify(SECRET, Long.toString(TIMESTAMP), header, BODY, THEN.plusSeconds(60)).valid());
    }

    @Test
    public void aChangedBodyAnotherSecretOrAnotherIdIsRefused() {
        String signature = WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY);
        assertFalse(verify(SECRET, Long.toString(TIMESTAMP), signature, "{\"test\": 1}".getBytes(StandardCharsets.UTF_8), THEN).valid());
        assertFalse(verify(WebhookSignature.newSecret(), Long.toString(TIMESTAMP), signature, BODY, THEN).valid());
        assertFalse(WebhookSignature.verify(SECRET, "msg_other", Long.toString(TIMESTAMP), signature, BODY, THEN,
                WebhookSignature.DEFAULT_TOLERANCE).valid());
    }

    @Test
    public void aTimestampOutsideTheToleranceIsRefusedEvenWhenSignedCorrectly() {
        String signature = WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY);
        WebhookSignature.Check late = verify(SECRET, Long.toString(TIMESTAMP), signature, BODY, THEN.plus(Duration.ofMinutes(6)));
        assertFalse(late.valid());
        assertTrue(late.reason(), late.reason().contains("timestamp"));
        assertTrue(verify(SECRET, Long.toString(TIMESTAMP), signature, BODY, THEN.minus(Duration.ofMinutes(4))).valid());
    }

    @Test
    public void missingHeadersAndGarbageAreRefusedWithAReason() {
        assertFalse(verify(SECRET, null, "v1,x", BODY, THEN).valid());
        assertFalse(verify(SECRET, "soon", "v1,x", BODY, THEN).valid());
        assertFalse(verify(SECRET, Long.toString(TIMESTAMP), "v1,%%%", BODY, THEN).valid());
        assertFalse(verify(SECRET, Long.toString(TIMESTAMP), "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", BODY, THEN).valid());
        assertNotNull(verify(SECRET, null, null, BODY, THEN).reason());
    }

    @Test
    public void newSecretsAreUsableAndSecretsWithoutThePrefixAreNot() {
        assertNull(WebhookSignature.problem(WebhookSignature.newSecret()));
        assertNotNull(WebhookSignature.problem("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertNotNull(WebhookSignature.problem("whsec_c2hvcnQ="));
    }

    private static WebhookSignature.Check verify(String secret, String timestamp, String signature, byte[] body, Instant now) {
        return WebhookSignature.verify(secret, ID, timestamp, signature, body, now, WebhookSignature.DEFAULT_TOLERANCE);
    }
}
