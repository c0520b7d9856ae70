package org.omotenashi.core.internal;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;

import org.apache.cxf.transport.http.DestinationRegistry;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.omotenashi.core.json.Json;
import org.omotenashi.core.problem.ProblemException;

/**
 * CXF's servlet for the suite's own addresses, with one difference: a request that no endpoint
 * answered gets a 503 problem instead of an empty 200. CXF registers an endpoint's address a moment
 * before the endpoint can take requests (and keeps it a moment after), and its servlet then answers
 * nothing at all, which a client reads as success. That happens while a module starts, stops or is
 * updated; "try again in a second" is the true answer.
 */
final class SuiteServlet extends CXFNonSpringServlet {
    private static final long serialVersionUID = 1L;

    SuiteServlet(DestinationRegistry registry) {
        super(registry, false);
    }

    @Override
    protected void invoke(HttpServletRequest request, HttpServletResponse response) throws ServletException {
        StorageProblems.requestStarts(request);
        AnswerTracking tracked = new AnswerTracking(response);
        super.invoke(new FromRoot(request), tracked);
        if (!tracked.answered()) {
            unavailable(request, response);
        }
    }

    private static void unavailable(HttpServletRequest request, HttpServletResponse response) throws ServletException {
        ProblemException problem = new ProblemException(503, "Service unavailable",
                "This part of the service is starting or being updated; nothing was changed. Try again shortly.");
        try {
            byte[] body = Json.mapper().writeValueAsBytes(ProblemBody.of(problem, request.getRequestURI()).asMap());
            response.setStatus(503);
            response.setHeader("Retry-After", "1");
            response.setContentType(ProblemBody.MEDIA_TYPE);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } catch (IOException e) {
            throw new ServletException(e);
        }
    }

    /**
     * The servlet is mounted at a few aliases (/api, /soap, …) while CXF knows endpoints by their full
     * path; present every request as if the servlet sat at the root, as CXF's own servlet does.
     */
    private static final class FromRoot extends HttpServletRequestWrapper {
        FromRoot(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getServletPath() {
            return "";
        }

        @Override
        public String getPathInfo() {
            HttpServletRequest request = (HttpServletRequest) getRequest();
            String pathInfo = request.getPathInfo();
            return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
        }
    }

}
