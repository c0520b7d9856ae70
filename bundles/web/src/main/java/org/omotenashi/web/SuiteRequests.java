package org.omotenashi.web;

import javax.servlet.Servlet;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The suite's own request handling, registered as a service by the core once it can serve. For each of
 * the suite's address prefixes the front door takes a servlet from it, initialises it with its own
 * configuration, passes every request to it (liveness aside) and destroys it when the service goes;
 * while there is none, the front door answers 503 itself.
 */
@ConsumerType
public interface SuiteRequests {
    /** Readiness: answered by the core, which knows the modules, or by the front door while there is none. */
    String READY = "/api/v1/health/ready";
    /** Liveness: always answered by the front door itself. */
    String LIVE = "/api/v1/health/live";
    /**
     * The web container's shared HTTP context the suite's servlets live in: whatever else should see every
     * request to the suite (a filter) registers in the context of this id too.
     */
    String HTTP_CONTEXT = "omotenashi";

    /** A new servlet for one address prefix. */
    Servlet newServlet();
}
