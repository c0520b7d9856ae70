package org.omotenashi.handover.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebService;
import javax.xml.ws.RequestWrapper;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.omotenashi.core.json.Json;
import org.omotenashi.core.json.JsonInput;
import org.omotenashi.core.model.Page;
import org.omotenashi.core.model.Period;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.load.ReportGate;
import org.omotenashi.core.load.ReportKind;
import org.omotenashi.core.query.PageCursor;
import org.omotenashi.core.query.QueryParams;
import org.omotenashi.core.security.Allow;
import org.omotenashi.core.security.Roles;
import org.omotenashi.core.soap.SoapCallers;
import org.omotenashi.core.soap.SoapValues;
import org.omotenashi.handover.api.Contact;
import org.omotenashi.handover.api.Expectation;
import org.omotenashi.handover.api.HandedPromise;
import org.omotenashi.handover.api.Handover;
import org.omotenashi.handover.api.HandoverDraft;
import org.omotenashi.handover.api.HandoverQuery;
import org.omotenashi.handover.api.HandoverService;
import org.omotenashi.handover.api.HandoverStats;
import org.omotenashi.handover.api.HandoverStatus;
import org.omotenashi.handover.api.TeamAckTimes;
import org.omotenashi.handover.api.Transition;
import org.omotenashi.handover.internal.soap.SoapContact;
import org.omotenashi.handover.internal.soap.SoapExpectation;
import org.omotenashi.handover.internal.soap.SoapHandedPromise;
import org.omotenashi.handover.internal.soap.SoapHandover;
import org.omotenashi.handover.internal.soap.SoapHandoverDraft;
import org.omotenashi.handover.internal.soap.SoapHandoverFilter;
import org.omotenashi.handover.internal.soap.SoapHandoverPage;
import org.omotenashi.handover.internal.soap.SoapHandoverStats;
import org.omotenashi.handover.internal.soap.SoapNotes;
import org.omotenashi.handover.internal.soap.SoapTeamAckTimes;
import org.omotenashi.handover.internal.soap.SoapTransition;

/** SOAP for handovers at {@code /soap/handovers}; the same rules and refusals as REST, as SOAP faults. */
@WebService(name = "Handovers", serviceName = "HandoverService", portName = "HandoverPort",
        targetNamespace = "urn:omotenashi:handovers:1")
public class HandoverSoapService {
    private final HandoverService handovers;
    private final Clock clock;
    private final ReportGate reports;

    HandoverSoapService(HandoverService handovers, Clock clock, ReportGate reports) {
        this.handovers = handovers;
        this.clock = clock;
        this.reports = reports;
    }

    /** JAX-WS wants a no-argument constructor to describe the service; it is never invoked this way. */
    public HandoverSoapService() {
        this(null, null, null);
    }

    @WebMethod
    @Allow({Roles.SALES, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public SoapHandover createHandover(@WebParam(name = "handover") SoapHandoverDraft handover) {
        return view(handovers.create(draft(handover), SoapCallers.current().name()));
    }

    @WebMethod
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public SoapHandover getHandover(@WebParam(name = "id") String id) {
        return view(handovers.find(SoapValues.required("id", id)).orElseThrow(() -> ProblemException.notFound("handover", id)));
    }

    @WebMethod
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public SoapHandoverPage listHandovers(@WebParam(name = "filter") SoapHandoverFilter filter) {
        SoapHandoverFilter f = filter == null ? new SoapHandoverFilter() : filter;
        QueryParams q = new QueryParams();
        HandoverQuery query = new HandoverQuery(q.enumValue("status", f.status, HandoverStatus.class),
                q.text("serviceTeam", f.serviceTeam, HandoverRequests.ID),
                q.text("customerId", f.customerId, HandoverRequests.ID), PageCursor.limit(f.limit, 50, 500), f.cursor);
        q.validate();
        Page<Handover> page = handovers.list(query);
        SoapHandoverPage answer = new SoapHandoverPage();
        page.items().forEach(h -> answer.handover.add(view(h)));
        answer.next = page.next();
        return answer;
    }

    @WebMethod
    @Allow({Roles.SALES, Roles.DESK_ADMIN})
    public SoapHandover updateHandover(@WebParam(name = "id") String id,
                                       @WebParam(name = "handover") SoapHandoverDraft handover,
                                       @WebParam(name = "expectedVersion") Long expectedVersion) {
        return view(handovers.update(SoapValues.required("id", id), draft(handover), expectedVersion, SoapCallers.current().name()));
    }

    @WebMethod
    @Allow({Roles.SALES, Roles.DESK_ADMIN})
    public SoapHandover submitHandover(@WebParam(name = "id") String id, @WebParam(name = "comment") String comment,
                                       @WebParam(name = "expectedVersion") Long expectedVersion) {
        if (comment != null && comment.length() > HandoverRequests.TEXT) {
            throw ProblemException.invalid("comment", "must be at most " + HandoverRequests.TEXT + " characters");
        }
        return view(handovers.submit(SoapValues.required("id", id), comment == null || comment.isBlank() ? null : comment.strip(),
                expectedVersion, SoapCallers.current().name()));
    }

    @WebMethod
    @Allow({Roles.SERVICE, Roles.DESK_ADMIN})
    public SoapHandover acknowledgeHandover(@WebParam(name = "id") String id,
                                            @WebParam(name = "expectedVersion") Long expectedVersion,
                                            @WebParam(name = "comment") String comment) {
        return view(handovers.acknowledge(SoapValues.required("id", id), comment(comment), expectedVersion,
                SoapCallers.current().name()));
    }

    @WebMethod
    @Allow({Roles.SERVICE, Roles.DESK_ADMIN})
    public SoapHandover returnHandover(@WebParam(name = "id") String id,
                                       @WebParam(name = "question") List<String> questions,
                                       @WebParam(name = "expectedVersion") Long expectedVersion) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("questions", Json.mapper().valueToTree(questions == null ? List.of() : questions));
        JsonInput in = JsonInput.of(body);
        List<String> read = HandoverRequests.questions(in);
        in.validate();
        return view(handovers.returnToSales(SoapValues.required("id", id), read, expectedVersion, SoapCallers.current().name()));
    }

    @WebMethod
    @Allow({Roles.SERVICE, Roles.DESK_ADMIN})
    public SoapHandover acceptHandover(@WebParam(name = "id") String id,
                                       @WebParam(name = "expectedVersion") Long expectedVersion,
                                       @WebParam(name = "comment") String comment) {
        return view(handovers.accept(SoapValues.required("id", id), comment(comment), expectedVersion, SoapCallers.current().name()));
    }

    /** The optional comment of a step: why, or anything worth keeping about it. */
    private static String comment(String comment) {
        if (comment != null && comment.length() > HandoverRequests.TEXT) {
            throw ProblemException.invalid("comment", "must be at most " + HandoverRequests.TEXT + " characters");
        }
        return comment == null || comment.isBlank() ? null : comment.strip();
    }

    @WebMethod
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    @RequestWrapper(localName = "handoverStats", targetNamespace = "urn:omotenashi:handovers:1",
            className = "org.omotenashi.handover.internal.soap.HandoverStatsRequest")
    public SoapHandoverStats handoverStats(@WebParam(name = "from") String from, @WebParam(name = "to") String to) {
        QueryParams q = new QueryParams();
        Period period = q.period(from, to, clock.instant(), Duration.ofDays(30));
        q.validate();
        try (ReportGate.Permit permit = reports.enter(ReportKind.STATS)) {
            return view(handovers.stats(period.from(), period.to()));
        }
    }

    private HandoverDraft draft(SoapHandoverDraft handover) {
        JsonInput in = JsonInput.of(handover == null ? null : Json.mapper().valueToTree(handover));
        HandoverDraft draft = HandoverRequests.draft(in, clock.instant());
        in.validate();
        return draft;
    }


    private static SoapHandover view(Handover h) {
        SoapHandover v = new SoapHandover();
        v.id = h.id();
        v.dealRef = h.dealRef();
        v.customerId = h.customerId();
        v.customerName = h.customerName();
        v.soldBy = h.soldBy();
        v.serviceTeam = h.serviceTeam();
        v.contractStart = SoapValues.date(h.contractStart());
        for (Contact c : h.contacts()) {
            SoapContact s = new SoapContact();
            s.name = c.name();
            s.role = c.role();
            s.email = c.email();
            s.phone = c.phone();
            s.language = c.language();
            s.primary = c.primary();
            v.contact.add(s);
        }
        for (Expectation e : h.expectations()) {
            SoapExpectation s = new SoapExpectation();
            s.text = e.text();
            s.importance = e.importance().name();
            v.expectation.add(s);
        }
        for (HandedPromise p : h.promises()) {
            SoapHandedPromise s = new SoapHandedPromise();
            s.description = p.description();
            s.dueAt = SoapValues.dateTime(p.dueAt());
            s.promiseId = p.promiseId();
            v.promise.add(s);
        }
        if (h.notes() != null) {
            v.notes = new SoapNotes();
            v.notes.preferences = h.notes().preferences();
            v.notes.access = h.notes().access();
            v.notes.sensitivities = h.notes().sensitivities();
        }
        v.status = h.status().name();
        for (Transition t : h.history()) {
            SoapTransition s = new SoapTransition();
            s.from = t.from() == null ? null : t.from().name();
            s.to = t.to().name();
            s.by = t.by();
            s.at = SoapValues.dateTime(t.at());
            if (t.questions() != null) {
                s.question.addAll(t.questions());
            }
            s.comment = t.comment();
            v.history.add(s);
        }
        v.createdAt = SoapValues.dateTime(h.createdAt());
        v.updatedAt = SoapValues.dateTime(h.updatedAt());
        v.submittedAt = SoapValues.dateTime(h.submittedAt());
        v.acknowledgedAt = SoapValues.dateTime(h.acknowledgedAt());
        v.acceptedAt = SoapValues.dateTime(h.acceptedAt());
        v.ackOverdueAt = SoapValues.dateTime(h.ackOverdueAt());
        v.version = h.version();
        return v;
    }

    private static SoapHandoverStats view(HandoverStats stats) {
        SoapHandoverStats v = new SoapHandoverStats();
        v.from = SoapValues.dateTime(stats.from());
        v.to = SoapValues.dateTime(stats.to());
        v.submitted = stats.submitted();
        v.returned = stats.returned();
        v.shareReturned = stats.shareReturned();
        for (TeamAckTimes t : stats.ackTimes()) {
            SoapTeamAckTimes s = new SoapTeamAckTimes();
            s.serviceTeam = t.serviceTeam();
            s.acknowledged = t.acknowledged();
            s.medianBusinessHours = t.medianBusinessHours();
            s.p90BusinessHours = t.p90BusinessHours();
            v.ackTimes.add(s);
        }
        v.promisesJudged = stats.promisesJudged();
        v.sharePromisesKept = stats.sharePromisesKept();
        v.note = stats.note();
        return v;
    }

}
