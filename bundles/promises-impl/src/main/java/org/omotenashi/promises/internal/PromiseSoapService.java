package org.omotenashi.promises.internal;

import java.time.Instant;
import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebService;

import org.omotenashi.core.json.Json;
import org.omotenashi.core.json.JsonInput;
import org.omotenashi.core.model.Page;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.query.PageCursor;
import org.omotenashi.core.query.QueryParams;
import org.omotenashi.core.security.Allow;
import org.omotenashi.core.security.Roles;
import org.omotenashi.core.soap.SoapCallers;
import org.omotenashi.promises.api.NewPromise;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseQuery;
import org.omotenashi.promises.api.PromiseStatus;
import org.omotenashi.promises.api.PromiseTracker;
import org.omotenashi.promises.api.Renegotiation;
import org.omotenashi.promises.internal.soap.SoapNewPromise;
import org.omotenashi.promises.internal.soap.SoapOrigin;
import org.omotenashi.promises.internal.soap.SoapPromise;
import org.omotenashi.promises.internal.soap.SoapPromiseFilter;
import org.omotenashi.promises.internal.soap.SoapPromisePage;
import org.omotenashi.promises.internal.soap.SoapRenegotiation;

/** SOAP for promises at {@code /soap/promises}; the same rules and refusals as REST, as SOAP faults. */
@WebService(name = "Promises", serviceName = "PromiseService", portName = "PromisePort",
        targetNamespace = "urn:omotenashi:promises:1")
public class PromiseSoapService {
    private final PromiseTracker tracker;

    PromiseSoapService(PromiseTracker tracker) {
        this.tracker = tracker;
    }

    /** JAX-WS wants a no-argument constructor to describe the service; it is never invoked this way. */
    public PromiseSoapService() {
        this(null);
    }

    @WebMethod
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public SoapPromise makePromise(@WebParam(name = "promise") SoapNewPromise promise,
                                   @WebParam(name = "idempotencyKey") String idempotencyKey) {
        JsonInput in = JsonInput.of(promise == null ? null : Json.mapper().valueToTree(promise));
        NewPromise request = PromiseRequests.newPromise(in);
        in.validate();
        return view(tracker.make(request, idempotencyKey, SoapCallers.current().name()).promise());
    }

    @WebMethod
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public SoapPromise getPromise(@WebParam(name = "id") String id) {
        return view(tracker.find(required("id", id)).orElseThrow(() -> ProblemException.notFound("promise", id)));
    }

    @WebMethod
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public SoapPromisePage listPromises(@WebParam(name = "filter") SoapPromiseFilter filter) {
        SoapPromiseFilter f = filter == null ? new SoapPromiseFilter() : filter;
        QueryParams q = new QueryParams();
        PromiseQuery query = new PromiseQuery(q.enumValue("status", f.status, PromiseStatus.class),
                q.text("customerId", f.customerId, PromiseRequests.ID), q.text("owner", f.owner, PromiseRequests.ID),
                q.instant("dueBefore", f.dueBefore), q.instant("dueAfter", f.dueAfter),
                PageCursor.limit(f.limit, 50, 500), f.cursor);
        q.validate();
        Page<Promise> page = tracker.list(query);
        SoapPromisePage answer = new SoapPromisePage();
        page.items().forEach(p -> answer.promise.add(view(p)));
        answer.next = page.next();
        return answer;
    }

    @WebMethod
    @Allow({Roles.SALES, Roles.SERVICE, Roles.DESK_ADMIN})
    public SoapPromise keepPromise(@WebParam(name = "id") String id, @WebParam(name = "evidence") String evidence,
                                   @WebParam(name = "expectedVersion") Long expectedVersion) {
        return view(tracker.keep(required("id", id), evidence, expectedVersion, SoapCallers.current().name()));
    }

    @WebMethod
    @Allow({Roles.SALES, Roles.SERVICE, Roles.DESK_ADMIN})
    public SoapPromise renegotiatePromise(@WebParam(name = "id") String id, @WebParam(name = "newDueAt") String newDueAt,
                                          @WebParam(name = "reason") String reason,
                                          @WebParam(name = "expectedVersion") Long expectedVersion) {
        QueryParams q = new QueryParams();
        Instant due = q.instant("newDueAt", newDueAt);
        if (due == null && (newDueAt == null || newDueAt.isBlank())) {
            q.error("newDueAt", "is required");
        }
        if (reason == null || reason.isBlank()) {
            q.error("reason", "is required");
        }
        q.validate();
        return view(tracker.renegotiate(required("id", id), due, reason.strip(), expectedVersion,
                SoapCallers.current().name()));
    }

    @WebMethod
    @Allow({Roles.SALES, Roles.SERVICE, Roles.DESK_ADMIN})
    public SoapPromise cancelPromise(@WebParam(name = "id") String id, @WebParam(name = "reason") String reason,
                                     @WebParam(name = "expectedVersion") Long expectedVersion) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("reason", "is required");
        }
        return view(tracker.cancel(required("id", id), reason.strip(), expectedVersion, SoapCallers.current().name()));
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "is required");
        }
        return value.strip();
    }

    private static SoapPromise view(Promise p) {
        SoapPromise v = new SoapPromise();
        v.id = p.id();
        v.customerId = p.customerId();
        v.customerName = p.customerName();
        v.description = p.description();
        v.expectation = p.expectation();
        v.promisedBy = p.promisedBy();
        v.owner = p.owner();
        v.channel = p.channel().name();
        if (p.origin() != null) {
            v.origin = new SoapOrigin();
            v.origin.type = p.origin().type();
            v.origin.ref = p.origin().ref();
        }
        v.madeAt = text(p.madeAt());
        v.dueAt = text(p.dueAt());
        v.status = p.status().name();
        v.keptAt = text(p.keptAt());
        v.evidence = p.evidence();
        v.brokenAt = text(p.brokenAt());
        v.cancelReason = p.cancelReason();
        for (Renegotiation r : p.renegotiations()) {
            SoapRenegotiation s = new SoapRenegotiation();
            s.previousDueAt = text(r.previousDueAt());
            s.newDueAt = text(r.newDueAt());
            s.reason = r.reason();
            s.at = text(r.at());
            s.by = r.by();
            v.renegotiation.add(s);
        }
        v.externalRef = p.externalRef();
        v.version = p.version();
        return v;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
