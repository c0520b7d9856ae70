package org.omotenashi.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.omotenashi.core.internal.problem.ProblemBody;
import org.omotenashi.core.internal.soap.SoapProblems;
import org.omotenashi.core.json.Json;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.soap.SoapPublisher;

/**
 * Answers a refusal before any endpoint has seen the request: a SOAP fault under the SOAP addresses, so a
 * SOAP client reads it as it reads every other fault, and problem+json everywhere else. Nothing of the
 * request body has been read at that point, and the connection is closed afterwards so the rest of a
 * large upload is never read either.
 */
final class EarlyAnswers {
    private EarlyAnswers() {
    }

    static void refuse(HttpServletRequest request, HttpServletResponse response, ProblemException problem)
            throws IOException {
        if (response.isCommitted()) {
            throw new IOException(problem);
        }
        response.reset();
        byte[] body;
        if (isSoap(request)) {
            body = soapFault(problem).getBytes(StandardCharsets.UTF_8);
            response.setStatus(SoapProblems.HTTP_STATUS);
            response.setContentType("text/xml;charset=UTF-8");
        } else {
            body = Json.mapper().writeValueAsBytes(ProblemBody.of(problem, request.getRequestURI()).asMap());
            response.setStatus(problem.status());
            response.setContentType(ProblemBody.MEDIA_TYPE);
        }
        // Whatever the client still sends of its body is not read: it may not reuse this connection.
        response.setHeader("Connection", "close");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    static boolean isSoap(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.equals(SoapPublisher.SOAP_BASE) || path.startsWith(SoapPublisher.SOAP_BASE + "/");
    }

    /** The same fault, detail and all, that {@link SoapProblems} gives once CXF has the request. */
    static String soapFault(ProblemException problem) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
                + "<faultcode>soap:" + (problem.status() < 500 ? "Client" : "Server") + "</faultcode>"
                + "<faultstring>" + xml(problem.title() + ": " + problem.detail()) + "</faultstring>"
                + "<detail><p:problem xmlns:p=\"" + SoapProblems.NS + "\" status=\"" + problem.status()
                + "\" title=\"" + xml(problem.title()) + "\"/></detail>"
                + "</soap:Fault></soap:Body></soap:Envelope>";
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
