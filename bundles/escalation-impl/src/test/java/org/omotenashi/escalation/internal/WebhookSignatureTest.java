package org.omotenashi.escalation.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class WebhookSignatureTest {
    @Test
    public void signingReproducesTheStandardWebhooksTestVector() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                        1614265330L, "{\"test\": 2432232314}"));
    }

    @Test
    public void aDifferentBodyGivesADifferentSignature() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        assertTrue(!WebhookSignature.sign(secret, "msg_1", 1L, "{}").equals(WebhookSignature.sign(secret, "msg_1", 1L, "{ }")));
    }

    @Test
    public void newSecretsAreUsableAndSecretsWithoutThePrefixAreNot() {
        assertNull(WebhookSignature.problem(WebhookSignature.newSecret()));
        assertNotNull(WebhookSignature.problem("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertNotNull(WebhookSignature.problem("whsec_c2hvcnQ="));
    }
}
