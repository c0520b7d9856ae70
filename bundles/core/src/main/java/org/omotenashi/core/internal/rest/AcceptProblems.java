package org.omotenashi.core.internal.rest;

import java.util.Locale;
import javax.annotation.Priority;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;

/**
 * A client that says it accepts {@code application/problem+json} says it can read the suite's refusals, not
 * that it wants nothing else: clients generated from an OpenAPI document send the media types of every
 * response an operation declares, and some send only the error's. Such a request gets the operation's own
 * answer (JSON, CSV), the problem types staying the preferred ones for refusals.
 */
@PreMatching
@Priority(100)
final class AcceptProblems implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("application/problem+json")) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept + ", */*;q=0.01");
        }
    }
}
