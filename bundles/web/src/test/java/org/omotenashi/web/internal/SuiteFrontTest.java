package org.omotenashi.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import javax.servlet.ServletConfig;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.Test;
import org.omotenashi.web.RecordedExchange;

/** The front door passes requests to the core's servlet, and answers for it when it fails. */
public class SuiteFrontTest {
    @Test
    public void aFailureOfTheSuiteItselfIsA500InTheAreasLanguageWithoutItsDetails() throws Exception {
        SuiteFront front = new SuiteFront(null);
        front.init(config());
        front.attach(() -> new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) {
                throw new IllegalArgumentException("Bundle is uninstalled.");
            }
        });
        RecordedExchange exchange = new RecordedExchange();
        front.service(RecordedExchange.request("POST", "/api/v1/escalation/rules"), exchange.response());
        assertEquals(500, exchange.status);
        assertEquals("application/problem+json", exchange.headers.get("Content-Type"));
        assertTrue(exchange.text(), exchange.text().contains("\"status\":500")
                && exchange.text().contains("not known"));
        assertFalse("what failed stays in the log", exchange.text().contains("IllegalArgumentException")
                || exchange.text().contains("uninstalled"));
    }

    private static ServletConfig config() {
        return (ServletConfig) Proxy.newProxyInstance(SuiteFrontTest.class.getClassLoader(),
                new Class<?>[] {ServletConfig.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getServletName" -> "omotenashi-api";
                    default -> null;
                });
    }
}
