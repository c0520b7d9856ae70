package org.omotenashi.survey.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.omotenashi.core.security.Allow;
import org.omotenashi.survey.api.GuestForm;
import org.omotenashi.survey.api.Question;
import org.omotenashi.survey.api.SurveyResponse;
import org.omotenashi.survey.api.SurveyService;

/**
 * For machine channels (a kiosk, a facility app) at {@code /api/v1/responses/{token}}: no login, the
 * invitation token is the credential. Refusals are problem+json like the rest of the API.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ResponseResource {
    private final SurveyService surveys;

    ResponseResource(SurveyService surveys) {
        this.surveys = surveys;
    }

    /** The questions to ask, in the invitation's language. */
    @GET
    @Path("{token}")
    @Allow(Allow.PUBLIC)
    public Map<String, Object> form(@PathParam("token") String token) {
        GuestForm form = surveys.open(token);
        List<Map<String, Object>> questions = new ArrayList<>();
        for (Question q : form.survey().questions()) {
            Map<String, Object> question = new LinkedHashMap<>();
            question.put("key", q.key());
            question.put("type", q.type());
            question.put("text", q.text(form.language()));
            question.put("required", q.required());
            if (q.type().isScale()) {
                question.put("min", q.type().min());
                question.put("max", q.type().max());
            }
            questions.add(question);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("surveyName", form.survey().name());
        body.put("language", form.language().name().toLowerCase(java.util.Locale.ROOT));
        body.put("expiresAt", form.expiresAt());
        body.put("questions", questions);
        return body;
    }

    @POST
    @Path("{token}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow(Allow.PUBLIC)
    public Response answer(@PathParam("token") String token, byte[] body) {
        // The questions decide each answer's JSON type; an unusable link is refused here as it would be below.
        SurveyResponse r = surveys.answer(token, SurveyRequests.answers(body, surveys.open(token).survey()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("invitationId", r.invitationId());
        answer.put("answeredAt", r.answeredAt());
        return Response.status(201).entity(answer).build();
    }
}
