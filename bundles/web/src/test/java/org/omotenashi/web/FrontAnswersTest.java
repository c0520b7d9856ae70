package org.omotenashi.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.Test;

/** Each area answers in its own language: problem+json, a SOAP fault, a page for guests. */
public class FrontAnswersTest {
    private final Map<String, String> headers = new HashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status;

    @Test
    public void anApiCallerGetsProblemJsonWithRetryAfter() throws Exception {
        FrontAnswers.unavailable(request("GET", "/api/v1/promises"), response(), "The service is starting.");
        assertEquals(503, status);
        assertEquals("1", headers.get("Retry-After"));
        assertEquals("application/problem+json", headers.get("Content-Type"));
        assertTrue(text(), text().contains("\"status\":503") && text().contains("\"instance\":\"/api/v1/promises\"")
                && text().contains("Nothing was changed"));
    }

    @Test
    public void aSoapCallerGetsASoapFault() throws Exception {
        FrontAnswers.unavailable(request("POST", "/soap/promises"), response(), "The service is stopping.");
        assertEquals(503, status);
        assertTrue(headers.get("Content-Type").startsWith("text/xml"));
        assertTrue(text(), text().contains("<soap:Fault>") && text().contains("<faultcode>soap:Server</faultcode>")
                && text().contains("status=\"503\"") && text().contains("retryAfter=\"1\""));
    }

    @Test
    public void aGuestGetsAFriendlyPageInBothLanguages() throws Exception {
        FrontAnswers.unavailable(request("POST", "/survey/abc"), response(), "The service is starting.");
        assertEquals(503, status);
        assertTrue(headers.get("Content-Type").startsWith("text/html"));
        assertTrue(text(), text().contains("Een ogenblik geduld") && text().contains("try again in a")
                && text().contains("have not been sent yet"));
        assertTrue("no technical detail for guests", !text().contains("Service unavailable"));
    }

    @Test
    public void anAddressNothingServesIsNotFoundNotUnavailable() throws Exception {
        FrontAnswers.notFound(request("GET", "/api/v2/anything"), response());
        assertEquals(404, status);
        assertEquals(null, headers.get("Retry-After"));
        assertTrue(text(), text().contains("\"status\":404"));
    }

    private String text() {
        return body.toString(StandardCharsets.UTF_8);
    }

    private static HttpServletRequest request(String method, String uri) {
        return (HttpServletRequest) Proxy.newProxyInstance(FrontAnswersTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> uri;
                    default -> null;
                });
    }

    private HttpServletResponse response() {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                body.write(b);
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> status = (Integer) args[0];
                        case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                        case "setContentType" -> headers.put("Content-Type", (String) args[0]);
                        case "getOutputStream" -> {
                            return out;
                        }
                        case "isCommitted" -> {
                            return false;
                        }
                        default -> {
                            return null;
                        }
                    }
                    return null;
                });
    }
}
