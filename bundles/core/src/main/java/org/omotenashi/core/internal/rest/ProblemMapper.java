package org.omotenashi.core.internal.rest;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.WebApplicationException;
import java.util.Map;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.GenericEntity;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

import org.omotenashi.core.internal.access.BasicCredentials;
import org.omotenashi.core.internal.cxf.ClientGone;
import org.omotenashi.core.internal.problem.ProblemBody;
import org.omotenashi.core.internal.problem.Problems;
import org.omotenashi.core.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into problem+json. The caller's mistakes keep their 4xx status and say what
 * to fix; anything else is logged with a reference and answered without internals.
 */
public class ProblemMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    @Context
    private UriInfo uriInfo;

    @Context
    private HttpServletRequest request;

    @Override
    public Response toResponse(Throwable failure) {
        if (ClientGone.causedBy(failure)) {
            // Nobody is left to read an answer; nothing went wrong on this side.
            LOG.debug("Client went away: {}", failure.toString());
            return answer(new ProblemException(400, "Request incomplete", "The connection closed before the exchange ended."));
        }
        return answer(problemFor(failure, request));
    }

    /** @param request the HTTP request, to tell whether it stored anything before a storage failure; may be null */
    static ProblemException problemFor(Throwable failure, HttpServletRequest request) {
        ProblemException known = Problems.known(failure);
        if (known != null) {
            return known;
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return fromStatus(web.getResponse().getStatus());
        }
        return Problems.unexpected(failure, request);
    }

    private static ProblemException fromStatus(int status) {
        return switch (status) {
            case 400 -> new ProblemException(400, "Bad request", "The request could not be read.");
            case 401 -> ProblemException.unauthorized();
            case 403 -> ProblemException.forbidden();
            case 404 -> new ProblemException(404, "Not found", "There is nothing at this address.");
            case 405 -> new ProblemException(405, "Method not allowed", "This address does not accept that method.");
            case 406 -> new ProblemException(406, "Not acceptable", "This address cannot answer in the format asked for.");
            case 413 -> new ProblemException(413, "Payload too large", "The body is larger than allowed.");
            case 415 -> new ProblemException(415, "Unsupported media type", "Send the body as application/json.");
            default -> new ProblemException(status, "Request refused", "The request was refused.");
        };
    }

    private Response answer(ProblemException problem) {
        String instance = uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
        // Typed as what it is: otherwise CXF writes it as the resource method's return type (a Map of
        // something else, say), which fails half-way and leaves two JSON texts in one answer.
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(ProblemBody.MEDIA_TYPE)
                .entity(new GenericEntity<>(ProblemBody.of(problem, instance).asMap(), Map.class));
        if (problem.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, BasicCredentials.CHALLENGE);
        }
        if (problem.status() == 503) {
            response.header(HttpHeaders.RETRY_AFTER, Integer.toString(problem.retryAfterSeconds()));
        }
        return response.build();
    }
}
