package org.omotenashi.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.omotenashi.core.security.Allow;
import org.omotenashi.web.FrontAnswers;

/**
 * The suite's health in detail, for any authenticated caller: the overall status and, per installed module,
 * its bundle state, whether each of its addresses is served and whether its database answers. Load
 * balancers use /health/live and /health/ready instead, which need no credentials (the front door).
 */
@Path("/health")
@Allow(Allow.AUTHENTICATED)
public class HealthResource {
    private final SuiteHealth health;

    HealthResource(SuiteHealth health) {
        this.health = health;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        SuiteHealth.Report report = health.report();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", report.status().name());
        answer.put("modules", report.modules().stream().map(SuiteHealth.Module::asMap).toList());
        Response.ResponseBuilder response = Response.status(report.status().ready() ? 200 : 503).entity(answer);
        if (!report.status().ready()) {
            response.header("Retry-After", FrontAnswers.RETRY_SECONDS);
        }
        return response.build();
    }
}
