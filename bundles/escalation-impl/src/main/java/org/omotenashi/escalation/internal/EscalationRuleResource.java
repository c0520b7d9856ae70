package org.omotenashi.escalation.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
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

import org.omotenashi.core.load.ReportGate;
import org.omotenashi.core.load.ReportKind;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.query.QueryParams;
import org.omotenashi.core.rest.Locations;
import org.omotenashi.core.rest.Versions;
import org.omotenashi.core.security.Allow;
import org.omotenashi.core.security.Roles;
import org.omotenashi.escalation.api.Delivery;
import org.omotenashi.escalation.api.DeliveryStatus;
import org.omotenashi.escalation.api.EscalationRule;
import org.omotenashi.escalation.api.EscalationService;
import org.omotenashi.escalation.api.EventOutcome;
import org.omotenashi.escalation.api.ScheduleRun;

/** REST for rules, dry runs and the outbox at {@code /api/v1/escalation}. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class EscalationRuleResource {
    private final EscalationService escalations;
    private final Supplier<RuleJson> reader;
    private final ReportGate reports;

    /**
     * @param reader reads rule JSON with the module's configuration as it is at each request
     * @param reports lets a few dry runs run at once: each evaluates a rule over up to thousands of current promises
     */
    EscalationRuleResource(EscalationService escalations, Supplier<RuleJson> reader, ReportGate reports) {
        this.escalations = escalations;
        this.reader = reader;
        this.reports = reports;
    }

    /**
     * An event pushed by a facility system, evaluated now against the enabled rules exactly as an EventAdmin
     * event is (same conditions, deduplication and cooldown).
     */
    @POST
    @Path("events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({Roles.INTEGRATION, Roles.DESK_ADMIN})
    public Map<String, Object> push(byte[] body) {
        PushedEvent event = PushedEvent.read(body);
        EventOutcome outcome = escalations.push(event.topic(), event.properties());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("topic", outcome.topic());
        answer.put("matchedRules", outcome.matchedRules());
        answer.put("opened", outcome.opened());
        answer.put("raised", outcome.raised());
        answer.put("suppressed", outcome.suppressed());
        return answer;
    }

    /**
     * Runs the schedule once now: the time triggers (how many subjects they looked at, how many fired), then
     * the moves up a level of escalations left unacknowledged (how many), and how long it all took.
     */
    @POST
    @Path("sweep")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Allow(Roles.DESK_ADMIN)
    public Map<String, Object> sweep() {
        ScheduleRun run = escalations.runSchedule();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("subjects", run.subjects());
        answer.put("fired", run.fired());
        answer.put("raised", run.raised());
        answer.put("millis", run.millis());
        return answer;
    }

    @GET
    @Path("rules")
    @Allow({Roles.DESK_ADMIN, Roles.SERVICE, Roles.INTEGRATION})
    public Map<String, Object> rules(@Context SecurityContext security) {
        boolean reveal = security.isUserInRole(Roles.DESK_ADMIN);
        return Map.of("items", escalations.rules().stream().map(r -> RuleJson.write(r, reveal)).toList());
    }

    @POST
    @Path("rules")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow(Roles.DESK_ADMIN)
    public Response create(byte[] body) {
        EscalationRule rule = escalations.createRule(reader.get().read(body));
        return Locations.created(EscalationEndpoints.RULES_ADDRESS + "/rules", rule.id())
                .tag(Versions.tag(rule.version())).entity(RuleJson.write(rule, true)).build();
    }

    @GET
    @Path("rules/{id}")
    @Allow({Roles.DESK_ADMIN, Roles.SERVICE, Roles.INTEGRATION})
    public Response rule(@PathParam("id") String id, @Context SecurityContext security) {
        EscalationRule rule = escalations.rule(id).orElseThrow(() -> ProblemException.notFound("escalation rule", id));
        return Response.ok(RuleJson.write(rule, security.isUserInRole(Roles.DESK_ADMIN)))
                .tag(Versions.tag(rule.version())).build();
    }

    @PUT
    @Path("rules/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow(Roles.DESK_ADMIN)
    public Response update(@PathParam("id") String id, byte[] body, @HeaderParam("If-Match") String ifMatch) {
        EscalationRule rule = escalations.updateRule(id, reader.get().read(body), Versions.expected(ifMatch));
        return Response.ok(RuleJson.write(rule, true)).tag(Versions.tag(rule.version())).build();
    }

    @DELETE
    @Path("rules/{id}")
    @Allow(Roles.DESK_ADMIN)
    public Response delete(@PathParam("id") String id) {
        escalations.deleteRule(id);
        return Response.noContent().build();
    }

    @POST
    @Path("rules/dry-run")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow(Roles.DESK_ADMIN)
    public Object dryRunUnsaved(byte[] body) {
        EscalationRule rule = reader.get().read(body);
        try (ReportGate.Permit permit = reports.enter(ReportKind.EVALUATIONS)) {
            return escalations.dryRun(rule);
        }
    }

    @POST
    @Path("rules/{id}/dry-run")
    @Allow(Roles.DESK_ADMIN)
    public Object dryRun(@PathParam("id") String id) {
        EscalationRule rule = escalations.rule(id).orElseThrow(() -> ProblemException.notFound("escalation rule", id));
        try (ReportGate.Permit permit = reports.enter(ReportKind.EVALUATIONS)) {
            return escalations.dryRun(rule);
        }
    }

    /** Runs the outbox once now and says how many deliveries it attempted; what is not due yet stays waiting. */
    @POST
    @Path("deliveries/run")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Allow(Roles.DESK_ADMIN)
    public Map<String, Object> deliverNow() {
        return Map.of("attempted", escalations.deliverNow());
    }

    @GET
    @Path("deliveries")
    @Allow({Roles.DESK_ADMIN, Roles.SERVICE, Roles.INTEGRATION})
    public Map<String, Object> deliveries(@QueryParam("status") String status, @QueryParam("limit") String limit) {
        QueryParams q = new QueryParams();
        DeliveryStatus wanted = q.enumValue("status", status, DeliveryStatus.class);
        Integer max = q.integer("limit", limit, 1, 500);
        q.validate();
        List<Delivery> items = escalations.deliveries(wanted, max == null ? 100 : max);
        return Map.of("items", items);
    }
}
