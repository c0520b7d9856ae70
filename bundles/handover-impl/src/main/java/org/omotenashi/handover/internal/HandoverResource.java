package org.omotenashi.handover.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.omotenashi.core.json.JsonInput;
import org.omotenashi.core.model.Period;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.load.ReportGate;
import org.omotenashi.core.load.ReportKind;
import org.omotenashi.core.query.PageCursor;
import org.omotenashi.core.query.QueryParams;
import org.omotenashi.core.rest.Locations;
import org.omotenashi.core.rest.Versions;
import org.omotenashi.core.security.Allow;
import org.omotenashi.core.security.Roles;
import org.omotenashi.handover.api.Handover;
import org.omotenashi.handover.api.HandoverDraft;
import org.omotenashi.handover.api.HandoverQuery;
import org.omotenashi.handover.api.HandoverService;
import org.omotenashi.handover.api.HandoverStatus;

/** REST for handovers at {@code /api/v1/handovers}. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class HandoverResource {
    private final HandoverService handovers;
    private final Clock clock;
    private final ReportGate reports;

    HandoverResource(HandoverService handovers, Clock clock, ReportGate reports) {
        this.handovers = handovers;
        this.clock = clock;
        this.reports = reports;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({Roles.SALES, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public Response create(byte[] body, @Context SecurityContext security) {
        JsonInput in = JsonInput.parse(body);
        HandoverDraft draft = HandoverRequests.draft(in, clock.instant());
        in.validate();
        Handover h = handovers.create(draft, caller(security));
        return Locations.created(HandoverEndpoints.REST_ADDRESS, h.id()).tag(Versions.tag(h.version()))
                .entity(h).build();
    }

    @GET
    @Path("stats")
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public Object stats(@QueryParam("from") String from, @QueryParam("to") String to) {
        QueryParams q = new QueryParams();
        Period period = q.period(from, to, clock.instant(), Duration.ofDays(30));
        q.validate();
        try (ReportGate.Permit permit = reports.enter(ReportKind.STATS)) {
            return handovers.stats(period.from(), period.to());
        }
    }

    @GET
    @Path("{id}")
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public Response get(@PathParam("id") String id, @Context Request request) {
        Handover h = handovers.find(id).orElseThrow(() -> ProblemException.notFound("handover", id));
        return Versions.current(request, h, h.version());
    }

    @GET
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public Object list(@QueryParam("status") String status, @QueryParam("serviceTeam") String serviceTeam,
                       @QueryParam("customerId") String customerId, @QueryParam("limit") String limit,
                       @QueryParam("cursor") String cursor) {
        QueryParams q = new QueryParams();
        HandoverQuery query = new HandoverQuery(q.enumValue("status", status, HandoverStatus.class),
                q.text("serviceTeam", serviceTeam, HandoverRequests.ID),
                q.text("customerId", customerId, HandoverRequests.ID),
                PageCursor.limit(q.integer("limit", limit, 1, 500), 50, 500), cursor);
        q.validate();
        return handovers.list(query);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({Roles.SALES, Roles.DESK_ADMIN})
    public Response update(@PathParam("id") String id, byte[] body, @HeaderParam("If-Match") String ifMatch,
                           @Context SecurityContext security) {
        Long expected = Versions.expected(ifMatch);
        JsonInput in = JsonInput.parse(body);
        HandoverDraft draft = HandoverRequests.draft(in, clock.instant());
        in.validate();
        return changed(handovers.update(id, draft, expected, caller(security)));
    }

    @POST
    @Path("{id}/submit")
    @Allow({Roles.SALES, Roles.DESK_ADMIN})
    public Response submit(@PathParam("id") String id, byte[] body, @HeaderParam("If-Match") String ifMatch,
                           @Context SecurityContext security) {
        Long expected = Versions.expected(ifMatch);
        JsonInput in = JsonInput.parse(body);
        String comment = in.optionalText("comment", HandoverRequests.TEXT);
        in.validate();
        return changed(handovers.submit(id, comment, expected, caller(security)));
    }

    @POST
    @Path("{id}/acknowledge")
    @Allow({Roles.SERVICE, Roles.DESK_ADMIN})
    public Response acknowledge(@PathParam("id") String id, byte[] body, @HeaderParam("If-Match") String ifMatch,
                                @Context SecurityContext security) {
        Long expected = Versions.expected(ifMatch);
        String comment = comment(body);
        return changed(handovers.acknowledge(id, comment, expected, caller(security)));
    }

    @POST
    @Path("{id}/return")
    @Allow({Roles.SERVICE, Roles.DESK_ADMIN})
    public Response returnToSales(@PathParam("id") String id, byte[] body, @HeaderParam("If-Match") String ifMatch,
                                  @Context SecurityContext security) {
        Long expected = Versions.expected(ifMatch);
        JsonInput in = JsonInput.parse(body);
        List<String> questions = HandoverRequests.questions(in);
        in.validate();
        return changed(handovers.returnToSales(id, questions, expected, caller(security)));
    }

    @POST
    @Path("{id}/accept")
    @Allow({Roles.SERVICE, Roles.DESK_ADMIN})
    public Response accept(@PathParam("id") String id, byte[] body, @HeaderParam("If-Match") String ifMatch,
                           @Context SecurityContext security) {
        Long expected = Versions.expected(ifMatch);
        String comment = comment(body);
        return changed(handovers.accept(id, comment, expected, caller(security)));
    }

    /** The optional {@code {"comment": "…"}} of a step: why, or anything worth keeping about it. No body is fine. */
    private static String comment(byte[] body) {
        JsonInput in = JsonInput.parse(body);
        String comment = in.optionalText("comment", HandoverRequests.TEXT);
        in.validate();
        return comment;
    }

    private static String caller(SecurityContext security) {
        return security.getUserPrincipal().getName();
    }

    private static Response changed(Handover h) {
        return Response.ok(h).tag(Versions.tag(h.version())).build();
    }
}
