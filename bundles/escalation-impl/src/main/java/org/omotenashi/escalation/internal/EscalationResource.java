package org.omotenashi.escalation.internal;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.omotenashi.core.json.JsonInput;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.query.PageCursor;
import org.omotenashi.core.query.QueryParams;
import org.omotenashi.core.rest.Versions;
import org.omotenashi.core.security.Allow;
import org.omotenashi.core.security.Roles;
import org.omotenashi.escalation.api.Escalation;
import org.omotenashi.escalation.api.EscalationQuery;
import org.omotenashi.escalation.api.EscalationService;
import org.omotenashi.escalation.api.EscalationStatus;

/** REST for escalation records at {@code /api/v1/escalations}. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class EscalationResource {
    private final EscalationService escalations;

    EscalationResource(EscalationService escalations) {
        this.escalations = escalations;
    }

    @GET
    @Allow({Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public Object list(@QueryParam("status") String status, @QueryParam("level") String level,
                       @QueryParam("customerId") String customerId, @QueryParam("limit") String limit,
                       @QueryParam("cursor") String cursor) {
        QueryParams q = new QueryParams();
        EscalationQuery query = new EscalationQuery(q.enumValue("status", status, EscalationStatus.class),
                q.integer("level", level, 1, 3), q.text("customerId", customerId, 100),
                PageCursor.limit(q.integer("limit", limit, 1, 500), 50, 500), cursor);
        q.validate();
        return escalations.list(query);
    }

    @GET
    @Path("{id}")
    @Allow({Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public Response get(@PathParam("id") String id) {
        Escalation e = escalations.find(id).orElseThrow(() -> ProblemException.notFound("escalation", id));
        return Response.ok(e).tag(Versions.tag(e.version())).build();
    }

    @POST
    @Path("{id}/acknowledge")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Allow({Roles.SERVICE, Roles.DESK_ADMIN})
    public Response acknowledge(@PathParam("id") String id, byte[] body, @Context SecurityContext security) {
        String note = note(body);
        return changed(escalations.acknowledge(id, security.getUserPrincipal().getName(), note));
    }

    @POST
    @Path("{id}/resolve")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Allow({Roles.SERVICE, Roles.DESK_ADMIN})
    public Response resolve(@PathParam("id") String id, byte[] body, @Context SecurityContext security) {
        String note = note(body);
        return changed(escalations.resolve(id, security.getUserPrincipal().getName(), note));
    }

    private static String note(byte[] body) {
        JsonInput in = JsonInput.parse(body);
        String note = in.optionalText("note", 2000);
        in.validate();
        return note;
    }

    private static Response changed(Escalation e) {
        return Response.ok(e).tag(Versions.tag(e.version())).build();
    }
}
