package org.omotenashi.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.ServletConfig;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;

import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.apache.cxf.transport.http.DestinationRegistry;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.apache.cxf.transport.servlet.ServletController;
import org.apache.cxf.transport.servlet.servicelist.ServiceListGeneratorServlet;
import org.omotenashi.core.internal.cxf.RequestsInside;
import org.omotenashi.web.FrontAnswers;
import org.omotenashi.web.SuiteRequests;
import org.omotenashi.core.internal.problem.StorageProblems;

/**
 * CXF's servlet for the suite's own addresses, with the suite's answers wherever CXF has none:
 * <ul>
 * <li>an address of an installed module that is not served right now (the module starts, stops or is
 *     being updated) gets 503 with Retry-After before CXF is asked;</li>
 * <li>an endpoint CXF knows but that cannot take requests yet, or no longer, gets the same 503 instead of
 *     an empty 200 (which a client reads as success);</li>
 * <li>an address nothing serves gets 404 (503 while the suite starts or stops) instead of CXF's HTML
 *     "No service was found."</li>
 * </ul>
 * Each answer comes in the language of its area ({@link FrontAnswers}).
 */
final class SuiteServlet extends CXFNonSpringServlet {
    private static final long serialVersionUID = 1L;

    private final transient DestinationRegistry registry;
    private final transient DeclaredEndpoints declared;
    private final transient SuiteLifecycle lifecycle;
    private final transient SuiteHealth health;

    SuiteServlet(DestinationRegistry registry, DeclaredEndpoints declared, SuiteLifecycle lifecycle, SuiteHealth health) {
        super(registry, false);
        this.registry = registry;
        this.health = health;
        this.declared = declared;
        this.lifecycle = lifecycle;
    }

    @Override
    protected void invoke(HttpServletRequest request, HttpServletResponse response) throws ServletException {
        StorageProblems.requestStarts(request);
        FromRoot root = new FromRoot(request);
        try {
            if (SuiteRequests.READY.equals(root.getPathInfo())) {
                ready(response);
                return;
            }
            DeclaredEndpoints.Owner owner = declared.ownerOf(root.getPathInfo());
            if (owner != null && !SuiteHealth.served(registry, owner.address())) {
                FrontAnswers.unavailable(request, response, "The " + owner.module()
                        + " module is starting, stopping or being updated.");
                return;
            }
            AnswerTracking tracked = new AnswerTracking(response);
            super.invoke(root, tracked);
            if (!tracked.answered()) {
                FrontAnswers.unavailable(request, response, "This part of the service is starting or being updated.");
            }
        } catch (IOException e) {
            throw new ServletException(e);
        }
    }

    /** Readiness for load balancers: no credentials, no details, the status alone. */
    private void ready(HttpServletResponse response) throws IOException {
        SuiteHealth.Status status = health.status();
        byte[] body = ("{\"status\":\"" + status.name() + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status.ready() ? 200 : 503);
        if (!status.ready()) {
            response.setHeader("Retry-After", FrontAnswers.RETRY_SECONDS);
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @Override
    protected ServletController createServletController(ServletConfig config) {
        return new Controller(registry, config, new ServiceListGeneratorServlet(registry, getBus()));
    }

    /** CXF's dispatcher, with the suite's answers where CXF would give its own. */
    private final class Controller extends ServletController {
        Controller(DestinationRegistry registry, ServletConfig config, ServiceListGeneratorServlet serviceList) {
            super(registry, config, serviceList);
        }

        @Override
        public void invokeDestination(HttpServletRequest request, HttpServletResponse response,
                                      AbstractHTTPDestination destination) throws ServletException {
            RequestsInside.enter(destination);
            try {
                if (destination.getMessageObserver() == null) {
                    FrontAnswers.unavailable(request, response, "This part of the service is starting or being updated.");
                    return;
                }
                super.invokeDestination(request, response, destination);
            } catch (IOException e) {
                throw new ServletException(e);
            } finally {
                RequestsInside.leave(destination);
            }
        }

        @Override
        protected void generateNotFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (lifecycle.starting() || lifecycle.stopping()) {
                FrontAnswers.unavailable(request, response, lifecycle.stopping() ? "The service is stopping."
                        : "The service is starting.");
            } else {
                FrontAnswers.notFound(request, response);
            }
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
