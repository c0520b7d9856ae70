package org.omotenashi.promises.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
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
import org.omotenashi.promises.api.MadePromise;
import org.omotenashi.promises.api.NewPromise;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseQuery;
import org.omotenashi.promises.api.PromiseStatus;
import org.omotenashi.promises.api.PromiseTracker;
import org.omotenashi.promises.api.StatsGroup;

/** REST for promises at {@code /api/v1/promises}. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class PromiseResource {
    private static final int MAX_IMPORT = 5000;

    private final PromiseTracker tracker;
    private final java.time.Clock clock;
    private final ReportGate reports;

    PromiseResource(PromiseTracker tracker, java.time.Clock clock, ReportGate reports) {
        this.tracker = tracker;
        this.clock = clock;
        this.reports = reports;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public Response make(byte[] body, @HeaderParam("Idempotency-Key") String idempotencyKey,
                         @Context SecurityContext security) {
        JsonInput in = JsonInput.parse(body);
        NewPromise request = PromiseRequests.newPromise(in);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            in.error("Idempotency-Key", "must be 1 to 200 characters");
        }
        in.validate();
        MadePromise made = tracker.make(request, idempotencyKey, security.getUserPrincipal().getName());
        Promise p = made.promise();
        Response.ResponseBuilder response = Locations.created(PromiseEndpoints.REST_ADDRESS, p.id())
                .tag(Versions.tag(p.version())).entity(p);
        if (made.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({Roles.INTEGRATION, Roles.DESK_ADMIN})
    public Map<String, Object> importAll(byte[] body, @Context SecurityContext security) {
        JsonInput in = JsonInput.parse(body);
        List<NewPromise> promises = in.objects("promises", PromiseRequests::newPromise);
        if (promises.isEmpty() && !in.hasErrors()) {
            in.error("promises", "must hold at least one promise");
        }
        if (promises.size() > MAX_IMPORT) {
            in.error("promises", "must hold at most " + MAX_IMPORT + " promises per request");
        }
        in.validate();
        return Map.of("imported", tracker.importAll(promises, security.getUserPrincipal().getName()));
    }

    @GET
    @Path("{id}")
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public Response get(@PathParam("id") String id, @Context Request request) {
        Promise p = tracker.find(id).orElseThrow(() -> ProblemException.notFound("promise", id));
        return Versions.current(request, p, p.version());
    }

    @GET
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public Object list(@QueryParam("status") String status, @QueryParam("customerId") String customerId,
                       @QueryParam("owner") String owner, @QueryParam("dueBefore") String dueBefore,
                       @QueryParam("dueAfter") String dueAfter, @QueryParam("limit") String limit,
                       @QueryParam("cursor") String cursor) {
        QueryParams q = new QueryParams();
        PromiseQuery query = new PromiseQuery(q.enumValue("status", status, PromiseStatus.class),
                q.text("customerId", customerId, PromiseRequests.ID), q.text("owner", owner, PromiseRequests.ID),
                q.instant("dueBefore", dueBefore), q.instant("dueAfter", dueAfter),
                PageCursor.limit(q.integer("limit", limit, 1, 500), 50, 500), cursor);
        q.validate();
        return tracker.list(query);
    }

    /** The evidence is optional, so keeping needs no body at all (and then no Content-Type either). */
    @POST
    @Path("{id}/keep")
    @Allow({Roles.SALES, Roles.SERVICE, Roles.DESK_ADMIN})
    public Response keep(@PathParam("id") String id, byte[] body, @HeaderParam("If-Match") String ifMatch,
                         @Context SecurityContext security) {
        JsonInput in = JsonInput.parse(body);
        String evidence = in.optionalText("evidence", PromiseRequests.TEXT);
        in.validate();
        return changed(tracker.keep(id, evidence, Versions.expected(ifMatch), security.getUserPrincipal().getName()));
    }

    @POST
    @Path("{id}/renegotiate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({Roles.SALES, Roles.SERVICE, Roles.DESK_ADMIN})
    public Response renegotiate(@PathParam("id") String id, byte[] body, @HeaderParam("If-Match") String ifMatch,
                                @Context SecurityContext security) {
        JsonInput in = JsonInput.parse(body);
        Instant newDueAt = in.requiredInstant("newDueAt");
        String reason = in.requiredText("reason", PromiseRequests.TEXT);
        in.validate();
        return changed(tracker.renegotiate(id, newDueAt, reason, Versions.expected(ifMatch),
                security.getUserPrincipal().getName()));
    }

    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({Roles.SALES, Roles.SERVICE, Roles.DESK_ADMIN})
    public Response cancel(@PathParam("id") String id, byte[] body, @HeaderParam("If-Match") String ifMatch,
                           @Context SecurityContext security) {
        JsonInput in = JsonInput.parse(body);
        String reason = in.requiredText("reason", PromiseRequests.TEXT);
        in.validate();
        return changed(tracker.cancel(id, reason, Versions.expected(ifMatch), security.getUserPrincipal().getName()));
    }

    @POST
    @Path("{id}/reassign")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({Roles.SERVICE, Roles.DESK_ADMIN})
    public Response reassign(@PathParam("id") String id, byte[] body, @HeaderParam("If-Match") String ifMatch,
                             @Context SecurityContext security) {
        JsonInput in = JsonInput.parse(body);
        String owner = in.requiredText("owner", PromiseRequests.ID);
        String reason = in.optionalText("reason", PromiseRequests.TEXT);
        in.validate();
        return changed(tracker.reassign(id, owner, reason, Versions.expected(ifMatch), security.getUserPrincipal().getName()));
    }

    /** Runs the due-date sweep now instead of waiting for the schedule, and says how long it took. */
    @POST
    @Path("sweep")
    @Allow(Roles.DESK_ADMIN)
    public Map<String, Object> sweepNow() {
        long started = System.nanoTime();
        org.omotenashi.promises.api.SweepResult result = tracker.sweep();
        return Map.of("broken", result.broken(), "dueSoon", result.dueSoon(),
                "millis", (System.nanoTime() - started) / 1_000_000.0);
    }

    @GET
    @Path("stats")
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public Object stats(@QueryParam("groupBy") String groupBy, @QueryParam("from") String from,
                        @QueryParam("to") String to) {
        QueryParams q = new QueryParams();
        StatsGroup group = groupBy == null ? StatsGroup.NONE : q.enumValue("groupBy", groupBy, StatsGroup.class);
        Period period = q.period(from, to, clock.instant(), Duration.ofDays(30));
        q.validate();
        try (ReportGate.Permit permit = reports.enter(ReportKind.STATS)) {
            return tracker.stats(group, period.from(), period.to());
        }
    }

    private static Response changed(Promise p) {
        return Response.ok(p).tag(Versions.tag(p.version())).build();
    }
}
