package org.omotenashi.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** Each area answers in its own language: problem+json, a SOAP fault, a page for guests. */
public class FrontAnswersTest {
    private final RecordedExchange exchange = new RecordedExchange();

    @Test
    public void anApiCallerGetsProblemJsonWithRetryAfter() throws Exception {
        FrontAnswers.unavailable(RecordedExchange.request("GET", "/api/v1/promises"), exchange.response(), "The service is starting.");
        assertEquals(503, exchange.status);
        assertEquals("1", exchange.headers.get("Retry-After"));
        assertEquals("application/problem+json", exchange.headers.get("Content-Type"));
        assertTrue(exchange.text(), exchange.text().contains("\"status\":503") && exchange.text().contains("\"instance\":\"/api/v1/promises\"")
                && exchange.text().contains("Nothing was changed"));
    }

    @Test
    public void aSoapCallerGetsASoapFault() throws Exception {
        FrontAnswers.unavailable(RecordedExchange.request("POST", "/soap/promises"), exchange.response(), "The service is stopping.");
        assertEquals(503, exchange.status);
        assertTrue(exchange.headers.get("Content-Type").startsWith("text/xml"));
        assertTrue(exchange.text(), exchange.text().contains("<soap:Fault>") && exchange.text().contains("<faultcode>soap:Server</faultcode>")
                && exchange.text().contains("status=\"503\"") && exchange.text().contains("retryAfter=\"1\""));
    }

    @Test
    public void aGuestGetsAFriendlyPageInBothLanguages() throws Exception {
        FrontAnswers.unavailable(RecordedExchange.request("POST", "/survey/abc"), exchange.response(), "The service is starting.");
        assertEquals(503, exchange.status);
        assertTrue(exchange.headers.get("Content-Type").startsWith("text/html"));
        assertTrue(exchange.text(), exchange.text().contains("Een ogenblik geduld") && exchange.text().contains("try again in a")
                && exchange.text().contains("have not been sent yet"));
        assertTrue("no technical detail for guests", !exchange.text().contains("Service unavailable"));
    }

    @Test
    public void anAddressNothingServesIsNotFoundNotUnavailable() throws Exception {
        FrontAnswers.notFound(RecordedExchange.request("GET", "/api/v2/anything"), exchange.response());
        assertEquals(404, exchange.status);
        assertEquals(null, exchange.headers.get("Retry-After"));
        assertTrue(exchange.text(), exchange.text().contains("\"status\":404"));
    }
}
