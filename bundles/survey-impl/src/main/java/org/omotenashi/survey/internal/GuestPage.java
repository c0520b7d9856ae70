package org.omotenashi.survey.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;

import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.security.Allow;
import org.omotenashi.survey.api.GuestForm;
import org.omotenashi.survey.api.Question;
import org.omotenashi.survey.api.SurveyService;

/**
 * The guest's page at {@code /survey/{token}}: no login, the token is the credential. It answers its
 * own refusals as friendly HTML with the right status, so the guest never sees problem+json.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
@Allow(Allow.PUBLIC)
public class GuestPage {
    private static final String HTML = MediaType.TEXT_HTML + ";charset=utf-8";

    private final SurveyService surveys;

    GuestPage(SurveyService surveys) {
        this.surveys = surveys;
    }

    @GET
    @Path("{token}")
    @Allow(Allow.PUBLIC)
    public Response show(@PathParam("token") String token) {
        try {
            GuestForm form = surveys.open(token);
            return page(200, GuestPageView.form(form, token, Map.of(), Map.of()));
        } catch (GuestRefusal refusal) {
            return refused(refusal);
        }
    }

    @POST
    @Path("{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allow(Allow.PUBLIC)
    public Response submit(@PathParam("token") String token, MultivaluedMap<String, String> fields) {
        GuestForm form;
        try {
            form = surveys.open(token);
        } catch (GuestRefusal refusal) {
            return refused(refusal);
        }
        // Only the survey's own questions are read: a browser may add fields of its own.
        Map<String, String> given = new LinkedHashMap<>();
        for (Question q : form.survey().questions()) {
            String value = fields == null ? null : fields.getFirst(q.key());
            if (value != null) {
                given.put(q.key(), value);
            }
        }
        try {
            surveys.answer(token, given);
        } catch (GuestRefusal refusal) {
            if (refusal.reason() != GuestRefusal.Reason.INVALID) {
                return refused(refusal);
            }
            Set<String> missing = new LinkedHashSet<>();
            Set<String> invalid = new LinkedHashSet<>();
            for (FieldError e : refusal.errors()) {
                ("is required".equals(e.message()) ? missing : invalid).add(e.field());
            }
            PageTexts t = PageTexts.of(form.language());
            return page(400, GuestPageView.form(form, token, given, GuestPageView.problems(missing, invalid, t)));
        }
        // Post/redirect/get: reloading the thank-you page does not send the answers again.
        return Response.seeOther(URI.create(token + "/thanks")).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("{token}/thanks")
    @Allow(Allow.PUBLIC)
    public Response thanks(@PathParam("token") String token) {
        try {
            surveys.open(token);
            // Not answered yet: the guest belongs on the form.
            return Response.seeOther(URI.create(token)).build();
        } catch (GuestRefusal refusal) {
            if (refusal.reason() == GuestRefusal.Reason.ANSWERED && refusal.language() != null) {
                PageTexts t = PageTexts.of(refusal.language());
                return page(200, GuestPageView.message(t, t.thanksTitle(), t.thanksText()));
            }
            return refused(refusal);
        }
    }

    private static Response refused(GuestRefusal refusal) {
        PageTexts t = PageTexts.of(refusal.language());
        return switch (refusal.reason()) {
            case EXPIRED -> page(410, GuestPageView.message(t, t.expiredTitle(), t.expiredText()));
            case ANSWERED -> page(409, GuestPageView.message(t, t.answeredTitle(), t.answeredText()));
            default -> page(404, GuestPageView.unknownLink());
        };
    }

    private static Response page(int status, String html) {
        return Response.status(status).type(HTML).entity(html)
                // The token is in the address: keep it out of caches and other sites' referrer logs.
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                        + "frame-ancestors 'none'; base-uri 'none'")
                .build();
    }
}
