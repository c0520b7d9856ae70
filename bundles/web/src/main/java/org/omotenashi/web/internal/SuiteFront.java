package org.omotenashi.web.internal;

import java.io.IOException;
import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.omotenashi.web.FrontAnswers;
import org.omotenashi.web.SuiteRequests;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What answers at one of the suite's address prefixes from the moment the web server listens until it
 * stops. Liveness it answers itself; everything else goes to the suite's handler once the core has
 * registered one, and until then (or once it is gone) gets 503 with Retry-After in the language of the
 * area: problem+json, a SOAP fault, or a page for guests.
 */
final class SuiteFront extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SuiteFront.class);

    private final transient BundleContext context;
    private transient SuiteRequests handler;
    private transient volatile Servlet ready;

    SuiteFront(BundleContext context) {
        this.context = context;
    }

    /** The core can serve: requests go to it from now on. */
    synchronized void attach(SuiteRequests requests) {
        detach();
        handler = requests;
    }

    /** The core is going: requests get 503 until it is back. */
    synchronized void detach() {
        handler = null;
        Servlet gone = ready;
        ready = null;
        if (gone != null) {
            gone.destroy();
        }
    }

    @Override
    public void destroy() {
        detach();
        super.destroy();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.equals(SuiteRequests.LIVE)) {
            HealthAnswers.status(response, 200, "UP");
            return;
        }
        Servlet current = handler();
        if (current != null) {
            try {
                current.service(request, response);
            } catch (RuntimeException e) {
                if (response.isCommitted()) {
                    throw e;
                }
                // A fault of the suite's own: in the log, and answered in the area's language without its details
                // (the web server's own error page would name the exception and its message).
                LOG.error("Request {} {} failed", request.getMethod(), request.getRequestURI(), e);
                FrontAnswers.failed(request, response);
            }
        } else if (path.equals(SuiteRequests.READY)) {
            HealthAnswers.status(response, 503, stopping() ? "STOPPING" : "STARTING");
        } else {
            FrontAnswers.unavailable(request, response, stopping() ? "The service is stopping." : "The service is starting.");
        }
    }

    /** The core's servlet for this prefix, made and initialised on first use with this servlet's configuration. */
    private Servlet handler() throws ServletException {
        Servlet current = ready;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (ready == null && handler != null && getServletConfig() != null) {
                Servlet made = handler.newServlet();
                made.init(getServletConfig());
                ready = made;
            }
            return ready;
        }
    }

    private boolean stopping() {
        try {
            Bundle framework = context.getBundle(0);
            return framework == null || framework.getState() == Bundle.STOPPING;
        } catch (IllegalStateException frontIsStopping) {
            return true;
        }
    }
}
