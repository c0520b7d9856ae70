package org.omotenashi.connector.internal;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.omotenashi.connector.api.Connector;
import org.omotenashi.connector.api.ConnectorStatus;
import org.omotenashi.connector.api.ItemOutcome;
import org.omotenashi.connector.api.Notice;
import org.omotenashi.connector.api.TrackedItem;
import org.omotenashi.connector.api.WriteBack;
import org.omotenashi.connector.api.WriteBackPage;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.query.PageCursor;
import org.omotenashi.core.query.QueryParams;
import org.omotenashi.core.security.Allow;
import org.omotenashi.core.security.Roles;
import org.omotenashi.core.webhook.WebhookSignature;

/** REST for connectors at {@code /api/v1/connectors}: desk-admin manages them, facility systems post events. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectorResource {
    private final Supplier<List<Connector>> connectors;

    ConnectorResource(Supplier<List<Connector>> connectors) {
        this.connectors = connectors;
    }

    @GET
    @Allow(Roles.DESK_ADMIN)
    public Map<String, Object> list() {
        List<ConnectorStatus> statuses = connectors.get().stream().map(Connector::status)
                .sorted(Comparator.comparing(ConnectorStatus::name)).toList();
        return Map.of("items", statuses);
    }

    @GET
    @Path("{instance}")
    @Allow(Roles.DESK_ADMIN)
    public ConnectorStatus get(@PathParam("instance") String instance) {
        return connector(instance).status();
    }

    /** Runs the instance's reconciliation poll now and answers when it has applied everything or failed. */
    @POST
    @Path("{instance}/sync")
    @Allow(Roles.DESK_ADMIN)
    public Object sync(@PathParam("instance") String instance) {
        return connector(instance).sync();
    }

    /**
     * A facility system says an item changed. The signature is checked before anything else: a notice that does
     * not verify is a 401 and changes nothing.
     */
    @POST
    @Path("{instance}/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({Roles.INTEGRATION, Roles.DESK_ADMIN})
    public Response event(@PathParam("instance") String instance, byte[] body,
                          @HeaderParam(WebhookSignature.ID_HEADER) String id,
                          @HeaderParam(WebhookSignature.TIMESTAMP_HEADER) String timestamp,
                          @HeaderParam(WebhookSignature.SIGNATURE_HEADER) String signature) {
        ItemOutcome outcome = connector(instance).notified(new Notice(id, timestamp, signature, body));
        return Response.status(outcome.outcome() == ItemOutcome.Outcome.DEFERRED ? 202 : 200).entity(outcome).build();
    }

    @GET
    @Path("{instance}/items")
    @Allow(Roles.DESK_ADMIN)
    public Map<String, Object> items(@PathParam("instance") String instance, @QueryParam("status") String status,
                                     @QueryParam("limit") String limit) {
        QueryParams q = new QueryParams();
        TrackedItem.Status wanted = q.enumValue("status", status, TrackedItem.Status.class);
        int max = PageCursor.limit(q.integer("limit", limit, 1, 500), 50, 500);
        q.validate();
        return Map.of("items", connector(instance).items(wanted, max));
    }

    @GET
    @Path("{instance}/write-backs")
    @Allow(Roles.DESK_ADMIN)
    public Map<String, Object> writeBacks(@PathParam("instance") String instance, @QueryParam("status") String status,
                                          @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        QueryParams q = new QueryParams();
        WriteBack.Status wanted = q.enumValue("status", status, WriteBack.Status.class);
        int max = PageCursor.limit(q.integer("limit", limit, 1, 500), 50, 500);
        q.validate();
        WriteBackPage page = connector(instance).writeBacks(wanted, cursor, max);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items());
        if (page.next() != null) {
            body.put("next", page.next());
        }
        return body;
    }

    private Connector connector(String instance) {
        return connectors.get().stream().filter(c -> c.name().equals(instance)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("connector", instance));
    }
}
