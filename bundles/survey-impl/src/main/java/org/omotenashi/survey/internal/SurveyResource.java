package org.omotenashi.survey.internal;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;

import org.omotenashi.core.json.JsonInput;
import org.omotenashi.core.load.ReportGate;
import org.omotenashi.core.load.ReportKind;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.query.QueryParams;
import org.omotenashi.core.rest.Locations;
import org.omotenashi.core.rest.Versions;
import org.omotenashi.core.security.Allow;
import org.omotenashi.core.security.Roles;
import org.omotenashi.survey.api.IssuedInvitation;
import org.omotenashi.survey.api.ResponseImport;
import org.omotenashi.survey.api.ScoreGroup;
import org.omotenashi.survey.api.Survey;
import org.omotenashi.survey.api.SurveyService;

/** REST for survey definitions, invitations and scores at {@code /api/v1/surveys}. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class SurveyResource {
    private final SurveyService surveys;
    private final Clock clock;
    private final ReportGate reports;

    SurveyResource(SurveyService surveys, Clock clock, ReportGate reports) {
        this.surveys = surveys;
        this.clock = clock;
        this.reports = reports;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow(Roles.DESK_ADMIN)
    public Response define(byte[] body, @Context SecurityContext security) {
        Survey s = surveys.define(SurveyRequests.survey(JsonInput.parse(body)), security.getUserPrincipal().getName());
        return Locations.created(SurveyEndpoints.REST_ADDRESS, s.id()).tag(Versions.tag(s.version())).entity(s).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow(Roles.DESK_ADMIN)
    public Response revise(@PathParam("id") String id, byte[] body, @HeaderParam("If-Match") String ifMatch,
                           @Context SecurityContext security) {
        Long expected = Versions.expected(ifMatch);
        Survey s = surveys.revise(id, SurveyRequests.survey(JsonInput.parse(body)),
                expected == null ? null : expected.intValue(), security.getUserPrincipal().getName());
        return Response.ok(s).tag(Versions.tag(s.version())).build();
    }

    @GET
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public Map<String, List<Survey>> list() {
        return Map.of("items", surveys.list());
    }

    @GET
    @Path("{id}")
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public Response get(@PathParam("id") String id, @QueryParam("version") String version) {
        QueryParams q = new QueryParams();
        Integer wanted = q.integer("version", version, 1, Integer.MAX_VALUE);
        q.validate();
        Survey s = (wanted == null ? surveys.find(id) : surveys.find(id, wanted))
                .orElseThrow(() -> ProblemException.notFound("survey", wanted == null ? id : id + " version " + wanted));
        return Response.ok(s).tag(Versions.tag(s.version())).build();
    }

    @POST
    @Path("{id}/invitations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public Response invite(@PathParam("id") String id, byte[] body) {
        IssuedInvitation invitation = surveys.invite(id, SurveyRequests.invitation(JsonInput.parse(body)));
        return Response.status(201).entity(invitation).header("Cache-Control", "no-store").build();
    }

    /** History from a previous survey tool, all or nothing; see {@link SurveyService#importResponses}. */
    @POST
    @Path("{id}/responses/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow(Roles.DESK_ADMIN)
    public ResponseImport importResponses(@PathParam("id") String id, byte[] body) {
        // The answers are read against the current version here too, so one 400 names shape and answer errors alike.
        Survey current = surveys.find(id).orElseThrow(() -> ProblemException.notFound("survey", id));
        return surveys.importResponses(id, SurveyRequests.imports(body, current, clock.instant()));
    }

    @GET
    @Path("{id}/scores")
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public Object scores(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("groupBy") String groupBy, @QueryParam("limit") String limit,
                         @QueryParam("cursor") String cursor) {
        QueryParams q = new QueryParams();
        ScoreGroup group = SurveyRequests.group(q, groupBy);
        Integer max = q.integer("limit", limit, 1, SurveyService.MAX_SCORE_GROUPS);
        Instant[] period = SurveyRequests.period(q, from, to, clock.instant());
        try (ReportGate.Permit permit = reports.enter(ReportKind.SCORES)) {
            return surveys.scores(id, period[0], period[1], group, max == null ? SurveyService.DEFAULT_SCORE_GROUPS : max,
                    cursor);
        }
    }

    @GET
    @Path("{id}/ambassadors")
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public Object ambassadors(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
                              @QueryParam("limit") String limit) {
        QueryParams q = new QueryParams();
        Integer max = q.integer("limit", limit, 1, 1000);
        Instant[] period = SurveyRequests.period(q, from, to, clock.instant());
        try (ReportGate.Permit permit = reports.enter(ReportKind.SCORES)) {
            return Map.of("items", surveys.ambassadors(id, period[0], period[1], max == null ? 100 : max));
        }
    }

    @GET
    @Path("{id}/responses.csv")
    @Produces("text/csv")
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public Response csv(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        QueryParams q = new QueryParams();
        Instant[] period = SurveyRequests.period(q, from, to, clock.instant());
        // Refuse an unknown survey before the 200 and its headers are committed.
        surveys.find(id).orElseThrow(() -> ProblemException.notFound("survey", id));
        // The permit is taken before the 200 is committed, so a refusal is still a 503; the export releases it.
        ReportGate.Permit permit = reports.enter(ReportKind.EXPORTS);
        StreamingOutput body = out -> {
            try (permit) {
                BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                surveys.exportCsv(id, period[0], period[1], writer);
                writer.flush();
            }
        };
        return Response.ok(body, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"survey-" + id + "-responses.csv\"").build();
    }
}
