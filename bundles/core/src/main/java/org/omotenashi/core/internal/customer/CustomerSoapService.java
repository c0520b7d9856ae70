package org.omotenashi.core.internal.customer;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebService;

import org.omotenashi.core.customer.CustomerJourney;
import org.omotenashi.core.customer.TimelineEntry;
import org.omotenashi.core.internal.customer.soap.SoapDetail;
import org.omotenashi.core.internal.customer.soap.SoapTimelineEntry;
import org.omotenashi.core.internal.customer.soap.SoapTimelineFilter;
import org.omotenashi.core.internal.customer.soap.SoapTimelinePage;
import org.omotenashi.core.soap.SoapValues;
import org.omotenashi.core.model.Page;
import org.omotenashi.core.query.QueryParams;
import org.omotenashi.core.security.Allow;
import org.omotenashi.core.security.Roles;

/** SOAP for the customer timeline at {@code /soap/customers}; the same rules and refusals as REST, as SOAP faults. */
@WebService(name = "Customers", serviceName = "CustomerService", portName = "CustomerPort",
        targetNamespace = "urn:omotenashi:customers:1")
public class CustomerSoapService {
    private final CustomerJourney journey;

    CustomerSoapService(CustomerJourney journey) {
        this.journey = journey;
    }

    /** JAX-WS wants a no-argument constructor to describe the service; it is never invoked this way. */
    public CustomerSoapService() {
        this(null);
    }

    @WebMethod
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public SoapTimelinePage getCustomerTimeline(@WebParam(name = "filter") SoapTimelineFilter filter) {
        SoapTimelineFilter f = filter == null ? new SoapTimelineFilter() : filter;
        QueryParams q = new QueryParams();
        Instant from = q.instant("from", f.from);
        Instant to = q.instant("to", f.to);
        if (from != null && to != null && !from.isBefore(to)) {
            q.error("to", "must be after from");
        }
        Set<String> types = CustomerResource.types(q, f.type == null ? null : String.join(",", new LinkedHashSet<>(f.type)));
        if (f.limit != null && (f.limit < 1 || f.limit > CustomerJourney.MAX_LIMIT)) {
            q.error("limit", "must be a whole number from 1 to " + CustomerJourney.MAX_LIMIT);
        }
        q.validate();
        Page<TimelineEntry> page = journey.timeline(f.customerId, from, to, types, f.limit, f.cursor);
        SoapTimelinePage answer = new SoapTimelinePage();
        page.items().forEach(e -> answer.entry.add(view(e)));
        answer.next = page.next();
        return answer;
    }

    private static SoapTimelineEntry view(TimelineEntry e) {
        SoapTimelineEntry v = new SoapTimelineEntry();
        v.id = e.id();
        v.at = SoapValues.dateTime(e.at());
        v.type = e.type();
        v.by = e.by();
        v.summary = e.summary();
        v.reason = e.reason();
        if (e.record() != null) {
            v.recordType = e.record().type();
            v.recordId = e.record().id();
            v.href = e.record().href();
        }
        e.details().forEach((name, value) -> {
            SoapDetail d = new SoapDetail();
            d.name = name;
            d.value = String.valueOf(value);
            v.detail.add(d);
        });
        return v;
    }
}
