package org.omotenashi.connector.spi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class FacilityHttpTest {
    private HttpServer server;
    private final FacilityHttp http = new FacilityHttp("Desk", Duration.ofSeconds(5),
            body -> body.startsWith("oops:") ? body.substring(5) : null);

    @Before
    public void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            int status = Integer.parseInt(path.substring(1, 4));
            byte[] body = path.substring(5).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @After
    public void stop() {
        server.stop(0);
    }

    /** A request the server answers with this status and body. */
    private HttpRequest get(int status, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + status + "/"
                + FacilityHttp.encode(body))).GET().build();
    }

    @Test
    public void aSuccessOrAnExpectedStatusIsTheAnswer() throws Exception {
        assertEquals("{}", http.send(get(200, "{}"), "the list").body());
        assertEquals(404, http.send(get(404, "gone"), "one item", 404).statusCode());
    }

    @Test
    public void anUnavailableSystemMayBeAskedAgainWithItsOwnWordsInTheMessage() {
        try {
            http.send(get(503, "oops:down for maintenance"), "the list");
            fail("a 503 is no answer");
        } catch (FacilitySystemException e) {
            assertTrue(e.retryable());
            assertEquals(Integer.valueOf(503), e.statusCode());
            assertTrue(e.getMessage(), e.getMessage().startsWith("Desk (the list) answered HTTP 503"));
            assertTrue(e.getMessage(), e.getMessage().contains("(down for maintenance)"));
        }
    }

    @Test
    public void refusedCredentialsAreNotTriedAgain() {
        try {
            http.send(get(401, "no"), "the list");
            fail("a 401 is no answer");
        } catch (FacilitySystemException e) {
            assertFalse(e.retryable());
        }
    }

    @Test
    public void aSystemThatIsNotListeningIsUnreachableAndMayBeAskedAgain() {
        int port = server.getAddress().getPort();
        server.stop(0);
        try {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/200/")).GET().build(), "the list");
            fail("nobody answered");
        } catch (FacilitySystemException e) {
            assertTrue(e.retryable());
            assertNull(e.statusCode());
        }
    }

    @Test
    public void aBodyThatIsNotJsonIsALastingFailure() throws Exception {
        HttpResponse<String> html = http.send(get(200, "<html>"), "the list");
        try {
            http.json(html, "the list", body -> {
                throw new java.io.IOException("not JSON: " + body);
            });
            fail("the reader refused the body");
        } catch (FacilitySystemException e) {
            assertFalse(e.retryable());
            assertEquals("Desk answered the list with something other than JSON", e.getMessage());
        }
    }

    @Test
    public void queryValuesAreEncodedWithSpacesAsPercent20() {
        assertEquals("changedate%3E%3D%22x%22%20and%20a", FacilityHttp.encode("changedate>=\"x\" and a"));
    }
}
