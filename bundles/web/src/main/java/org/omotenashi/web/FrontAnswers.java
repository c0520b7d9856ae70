package org.omotenashi.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The answers the suite gives where no endpoint can: while it starts or stops, while a module is being
 * swapped, at an address nothing serves. Each in the language of its area: problem+json under /api, a
 * SOAP fault under /soap, and for guests on the survey page a page of its own instead of an error document.
 */
public final class FrontAnswers {
    /** Seconds a client should wait before it tries again after a 503. */
    public static final String RETRY_SECONDS = "1";
    /** Namespace of the problem element in a SOAP fault's detail. */
    public static final String PROBLEM_NS = "urn:omotenashi:problem";

    private static final ObjectMapper JSON = new ObjectMapper();

    private FrontAnswers() {
    }

    /** 503 with Retry-After: nothing was done, and trying again shortly will work. */
    public static void unavailable(HttpServletRequest request, HttpServletResponse response, String why)
            throws IOException {
        answer(request, response, 503, "Service unavailable", why + " Nothing was changed; try again in a moment.");
    }

    /** 404: no module serves this address (and none that would is installed). */
    public static void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response, 404, "Not found", "There is nothing at this address.");
    }

    /**
     * 500: the suite itself failed on this request (a fault of its own, not the caller's). What failed is in the
     * log, not in the answer; whether anything was changed is not known.
     */
    public static void failed(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response, 500, "Internal server error", "The request failed on the server's side and was"
                + " logged. Whether anything was changed is not known: look before trying again.");
    }

    /** Any problem, rendered for the area the request is for. */
    public static void answer(HttpServletRequest request, HttpServletResponse response, int status, String title,
                              String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        if (status == 503) {
            response.setHeader("Retry-After", RETRY_SECONDS);
        }
        response.setHeader("Cache-Control", "no-store");
        byte[] body;
        switch (area(request)) {
            case "/soap" -> {
                response.setContentType("text/xml;charset=UTF-8");
                body = soapFault(status, title, detail).getBytes(StandardCharsets.UTF_8);
            }
            case "/survey" -> {
                response.setContentType("text/html;charset=UTF-8");
                response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
                body = guestPage(status, "POST".equalsIgnoreCase(request.getMethod()))
                        .getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                response.setContentType("application/problem+json");
                body = problemJson(status, title, detail, request.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            }
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** An RFC 9457 problem document; {@code instance} may be null. */
    public static String problemJson(int status, String title, String detail, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        try {
            return JSON.writeValueAsString(problem);
        } catch (IOException e) {
            throw new IllegalStateException("a map of strings and a number is always JSON", e);
        }
    }

    /** The area the request is for: /api, /soap or /survey (the suite's servlet sits in the root context). */
    public static String area(HttpServletRequest request) {
        String uri = request.getRequestURI();
        for (String area : new String[] {"/soap", "/survey"}) {
            if (uri != null && (uri.equals(area) || uri.startsWith(area + "/"))) {
                return area;
            }
        }
        return "/api";
    }

    static String soapFault(int status, String title, String detail) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
                + "<faultcode>soap:" + (status < 500 ? "Client" : "Server") + "</faultcode>"
                + "<faultstring>" + xml(title + ": " + detail) + "</faultstring>"
                + "<detail><p:problem xmlns:p=\"" + PROBLEM_NS + "\" status=\"" + status + "\" title=\""
                + xml(title) + "\"" + (status == 503 ? " retryAfter=\"" + RETRY_SECONDS + "\"" : "") + "/></detail>"
                + "</soap:Fault></soap:Body></soap:Envelope>";
    }

    /** A guest opened their survey link: a calm page in Dutch and English, never a technical error. */
    static String guestPage(int status, boolean posted) {
        Map<String, String> nl;
        Map<String, String> en;
        if (status == 503) {
            nl = Map.of("title", "Een ogenblik geduld", "text", "De enquête is zo weer beschikbaar. Probeer het over een"
                    + " ogenblik opnieuw." + (posted ? " Uw antwoorden zijn nog niet verstuurd." : ""));
            en = Map.of("title", "One moment, please", "text", "The survey will be back shortly. Please try again in a"
                    + " moment." + (posted ? " Your answers have not been sent yet." : ""));
        } else {
            nl = Map.of("title", "Deze link werkt niet", "text", "Deze enquête is hier niet (meer) te vinden.");
            en = Map.of("title", "This link does not work", "text", "This survey cannot be found here.");
        }
        return "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + nl.get("title") + " / " + en.get("title") + "</title>"
                + "<style>body{font-family:sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;"
                + "color:#222}h1{font-size:1.4rem}</style></head><body>"
                + "<main><h1>" + nl.get("title") + "</h1><p>" + nl.get("text") + "</p>"
                + "<h1 lang=\"en\">" + en.get("title") + "</h1><p lang=\"en\">" + en.get("text") + "</p></main>"
                + "</body></html>";
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
