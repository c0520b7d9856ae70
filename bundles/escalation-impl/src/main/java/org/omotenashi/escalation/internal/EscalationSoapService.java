package org.omotenashi.escalation.internal;

import java.time.Instant;
import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebService;

import org.omotenashi.core.model.Page;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.query.PageCursor;
import org.omotenashi.core.query.QueryParams;
import org.omotenashi.core.security.Allow;
import org.omotenashi.core.security.Roles;
import org.omotenashi.core.soap.SoapCallers;
import org.omotenashi.escalation.api.Escalation;
import org.omotenashi.escalation.api.EscalationQuery;
import org.omotenashi.escalation.api.EscalationService;
import org.omotenashi.escalation.api.EscalationStatus;
import org.omotenashi.escalation.api.HistoryEntry;
import org.omotenashi.escalation.internal.soap.SoapEscalation;
import org.omotenashi.escalation.internal.soap.SoapEscalationFilter;
import org.omotenashi.escalation.internal.soap.SoapEscalationPage;
import org.omotenashi.escalation.internal.soap.SoapHistoryEntry;

/** SOAP for escalations at {@code /soap/escalations}; the same rules and refusals as REST, as SOAP faults. */
@WebService(name = "Escalations", serviceName = "EscalationService", portName = "EscalationPort",
        targetNamespace = "urn:omotenashi:escalations:1")
public class EscalationSoapService {
    private final EscalationService escalations;

    EscalationSoapService(EscalationService escalations) {
        this.escalations = escalations;
    }

    /** JAX-WS wants a no-argument constructor to describe the service; it is never invoked this way. */
    public EscalationSoapService() {
        this(null);
    }

    @WebMethod
    @Allow({Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public SoapEscalationPage listEscalations(@WebParam(name = "filter") SoapEscalationFilter filter) {
        SoapEscalationFilter f = filter == null ? new SoapEscalationFilter() : filter;
        QueryParams q = new QueryParams();
        if (f.level != null && (f.level < 1 || f.level > 3)) {
            q.error("level", "must be a whole number from 1 to 3");
        }
        EscalationQuery query = new EscalationQuery(q.enumValue("status", f.status, EscalationStatus.class), f.level,
                q.text("customerId", f.customerId, 100), PageCursor.limit(f.limit, 50, 500), f.cursor);
        q.validate();
        Page<Escalation> page = escalations.list(query);
        SoapEscalationPage answer = new SoapEscalationPage();
        page.items().forEach(e -> answer.escalation.add(view(e)));
        answer.next = page.next();
        return answer;
    }

    @WebMethod
    @Allow({Roles.SERVICE, Roles.DESK_ADMIN})
    public SoapEscalation acknowledge(@WebParam(name = "id") String id, @WebParam(name = "note") String note) {
        return view(escalations.acknowledge(required(id), SoapCallers.current().name(), blankToNull(note)));
    }

    @WebMethod
    @Allow({Roles.SERVICE, Roles.DESK_ADMIN})
    public SoapEscalation resolve(@WebParam(name = "id") String id, @WebParam(name = "note") String note) {
        return view(escalations.resolve(required(id), SoapCallers.current().name(), blankToNull(note)));
    }

    private static String required(String id) {
        if (id == null || id.isBlank()) {
            throw ProblemException.invalid("id", "is required");
        }
        return id.strip();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static SoapEscalation view(Escalation e) {
        SoapEscalation v = new SoapEscalation();
        v.id = e.id();
        v.ruleId = e.ruleId();
        v.ruleName = e.ruleName();
        v.subjectType = e.subject().type();
        v.subjectRef = e.subject().ref();
        v.customerId = e.customerId();
        v.level = e.level();
        v.status = e.status().name();
        v.openedAt = text(e.openedAt());
        v.levelSince = text(e.levelSince());
        v.acknowledgedAt = text(e.acknowledgedAt());
        v.resolvedAt = text(e.resolvedAt());
        for (HistoryEntry h : e.history()) {
            SoapHistoryEntry s = new SoapHistoryEntry();
            s.at = text(h.at());
            s.event = h.event();
            s.level = h.level();
            s.by = h.by();
            s.note = h.note();
            v.history.add(s);
        }
        v.version = e.version();
        return v;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
