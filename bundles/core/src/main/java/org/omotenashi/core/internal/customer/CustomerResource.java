package org.omotenashi.core.internal.customer;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.omotenashi.core.customer.CustomerJourney;
import org.omotenashi.core.customer.CustomerSummary;
import org.omotenashi.core.customer.TimelineEntry;
import org.omotenashi.core.model.Page;
import org.omotenashi.core.query.QueryParams;
import org.omotenashi.core.security.Allow;
import org.omotenashi.core.security.Roles;

/** REST for one customer's journey at {@code /api/v1/customers/{customerId}}: the summary and the timeline. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {
    static final int MAX_TYPES = 30;

    private final CustomerJourney journey;

    CustomerResource(CustomerJourney journey) {
        this.journey = journey;
    }

    @GET
    @Path("{customerId}")
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public CustomerSummary summary(@PathParam("customerId") String customerId) {
        return journey.summary(customerId);
    }

    @GET
    @Path("{customerId}/timeline")
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public Page<TimelineEntry> timeline(@PathParam("customerId") String customerId, @QueryParam("from") String from,
                                        @QueryParam("to") String to, @QueryParam("types") String types,
                                        @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        QueryParams q = new QueryParams();
        Instant start = q.instant("from", from);
        Instant end = q.instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            q.error("to", "must be after from");
        }
        Integer size = q.integer("limit", limit, 1, CustomerJourney.MAX_LIMIT);
        Set<String> kinds = types(q, types);
        q.validate();
        return journey.timeline(customerId, start, end, kinds, size, cursor);
    }

    /** {@code types=promise,survey.answered}: sources or single kinds, comma separated. */
    static Set<String> types(QueryParams q, String types) {
        Set<String> kinds = new LinkedHashSet<>();
        if (types == null || types.isBlank()) {
            return kinds;
        }
        for (String type : types.split(",")) {
            String t = type.strip();
            if (!t.matches("[a-z]{1,40}(\\.[a-z_]{1,40})?")) {
                q.error("types", "must be a comma-separated list of sources or types such as promise,survey.answered");
                return kinds;
            }
            kinds.add(t);
        }
        if (kinds.size() > MAX_TYPES) {
            q.error("types", "must name at most " + MAX_TYPES + " types");
        }
        return kinds;
    }
}
