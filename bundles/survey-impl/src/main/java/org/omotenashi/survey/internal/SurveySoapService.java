package org.omotenashi.survey.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebService;
import javax.xml.ws.RequestWrapper;

import org.omotenashi.core.json.Json;
import org.omotenashi.core.json.JsonInput;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.load.ReportGate;
import org.omotenashi.core.load.ReportKind;
import org.omotenashi.core.query.PageCursor;
import org.omotenashi.core.query.QueryParams;
import org.omotenashi.core.security.Allow;
import org.omotenashi.core.security.Roles;
import org.omotenashi.core.soap.SoapValues;
import org.omotenashi.survey.api.IssuedInvitation;
import org.omotenashi.survey.api.ScoreGroup;
import org.omotenashi.survey.api.SurveyFigures;
import org.omotenashi.survey.api.SurveyResponse;
import org.omotenashi.survey.api.SurveyScores;
import org.omotenashi.survey.api.SurveyService;
import org.omotenashi.survey.internal.soap.SoapAnswer;
import org.omotenashi.survey.internal.soap.SoapFigures;
import org.omotenashi.survey.internal.soap.SoapInvitation;
import org.omotenashi.survey.internal.soap.SoapIssuedInvitation;
import org.omotenashi.survey.internal.soap.SoapScores;
import org.omotenashi.survey.internal.soap.SoapSubmitted;

/** SOAP for surveys at {@code /soap/surveys}; the same rules and refusals as REST, as SOAP faults. */
@WebService(name = "Surveys", serviceName = "SurveyService", portName = "SurveyPort", targetNamespace = "urn:omotenashi:survey:1")
public class SurveySoapService {
    private final SurveyService surveys;
    private final Clock clock;
    private final ReportGate reports;

    SurveySoapService(SurveyService surveys, Clock clock, ReportGate reports) {
        this.surveys = surveys;
        this.clock = clock;
        this.reports = reports;
    }

    /** JAX-WS wants a no-argument constructor to describe the service; it is never invoked this way. */
    public SurveySoapService() {
        this(null, null, null);
    }

    @WebMethod
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    public SoapIssuedInvitation invite(@WebParam(name = "surveyId") String surveyId,
                                       @WebParam(name = "invitation") SoapInvitation invitation) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (invitation != null) {
            body.put("customerId", invitation.customerId);
            body.put("contactEmail", invitation.contactEmail);
            body.put("language", invitation.language);
            body.put("subject", Map.of("type", nullToEmpty(invitation.subjectType), "ref", nullToEmpty(invitation.subjectRef)));
            body.put("validDays", invitation.validDays);
        }
        IssuedInvitation issued = surveys.invite(SoapValues.required("surveyId", surveyId),
                SurveyRequests.invitation(JsonInput.of(invitation == null ? null : Json.mapper().valueToTree(body))));
        SoapIssuedInvitation v = new SoapIssuedInvitation();
        v.invitationId = issued.invitationId();
        v.token = issued.token();
        v.url = issued.url();
        v.expiresAt = SoapValues.dateTime(issued.expiresAt());
        return v;
    }

    /** A UsernameToken is needed like for every SOAP call; the invitation token decides what may be answered. */
    @WebMethod
    @Allow(Allow.AUTHENTICATED)
    public SoapSubmitted submitResponse(@WebParam(name = "token") String token,
                                        @WebParam(name = "answer") List<SoapAnswer> answers) {
        Map<String, String> given = new LinkedHashMap<>();
        if (answers != null) {
            for (SoapAnswer a : answers) {
                if (a != null && a.question != null && a.value != null) {
                    given.put(a.question.strip(), a.value);
                }
            }
        }
        SurveyResponse r = surveys.answer(SoapValues.required("token", token), given);
        SoapSubmitted v = new SoapSubmitted();
        v.invitationId = r.invitationId();
        v.answeredAt = SoapValues.dateTime(r.answeredAt());
        return v;
    }

    @WebMethod
    @Allow({Roles.SALES, Roles.SERVICE, Roles.INTEGRATION, Roles.DESK_ADMIN})
    @RequestWrapper(localName = "getScores", targetNamespace = "urn:omotenashi:survey:1",
            className = "org.omotenashi.survey.internal.soap.GetScoresRequest")
    public SoapScores getScores(@WebParam(name = "surveyId") String surveyId, @WebParam(name = "from") String from,
                                @WebParam(name = "to") String to, @WebParam(name = "groupBy") String groupBy,
                                @WebParam(name = "limit") Integer limit, @WebParam(name = "cursor") String cursor) {
        QueryParams q = new QueryParams();
        ScoreGroup group = SurveyRequests.group(q, groupBy);
        int max = PageCursor.limit(limit, SurveyService.DEFAULT_SCORE_GROUPS, SurveyService.MAX_SCORE_GROUPS);
        Instant[] period = SurveyRequests.period(q, from, to, clock.instant());
        String id = SoapValues.required("surveyId", surveyId);
        SurveyScores scores;
        try (ReportGate.Permit permit = reports.enter(ReportKind.SCORES)) {
            scores = surveys.scores(id, period[0], period[1], group, max, cursor);
        }
        SoapScores v = new SoapScores();
        v.surveyId = scores.surveyId();
        v.from = SoapValues.dateTime(scores.from());
        v.to = SoapValues.dateTime(scores.to());
        v.groupBy = scores.groupBy().name();
        v.overall = view(scores.overall());
        scores.groups().forEach(f -> v.group.add(view(f)));
        v.next = scores.next();
        return v;
    }

    private static SoapFigures view(SurveyFigures f) {
        SoapFigures v = new SoapFigures();
        v.key = f.key();
        v.invited = f.invited();
        v.answered = f.answered();
        v.responseRate = f.responseRate();
        v.npsAnswers = f.npsAnswers();
        v.promoters = f.promoters();
        v.passives = f.passives();
        v.detractors = f.detractors();
        v.nps = f.nps();
        v.npsMargin = f.npsMargin();
        v.csatAnswers = f.csatAnswers();
        v.satisfied = f.satisfied();
        v.csat = f.csat();
        v.csatMargin = f.csatMargin();
        v.cesAnswers = f.cesAnswers();
        v.ces = f.ces();
        return v;
    }


    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
