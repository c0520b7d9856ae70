package org.omotenashi.survey.internal;

import java.util.HashMap;
import java.util.Map;

import org.omotenashi.survey.api.Language;
import org.omotenashi.survey.api.Subject;
import org.omotenashi.survey.api.SurveyResponse;
import org.omotenashi.survey.api.SurveyTopics;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts the survey events with plain properties, after the change they report is committed. */
final class SurveyEvents {
    private final EventAdmin eventAdmin;

    SurveyEvents(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    void invited(String invitationId, String surveyId, int version, String customerId, Subject subject, Language language) {
        Map<String, Object> p = common(invitationId, surveyId, version, customerId, subject);
        p.put(SurveyTopics.LANGUAGE, language.name().toLowerCase(java.util.Locale.ROOT));
        eventAdmin.postEvent(new Event(SurveyTopics.INVITED, p));
    }

    void answered(SurveyResponse r) {
        eventAdmin.postEvent(new Event(SurveyTopics.ANSWERED, answer(r)));
        if (r.isDetractor()) {
            eventAdmin.postEvent(new Event(SurveyTopics.DETRACTOR, answer(r)));
        }
    }

    private static Map<String, Object> answer(SurveyResponse r) {
        Map<String, Object> p = common(r.invitationId(), r.surveyId(), r.surveyVersion(), r.customerId(), r.subject());
        p.put(SurveyTopics.ANSWERED_AT, r.answeredAt().toString());
        if (r.nps() != null) {
            p.put(SurveyTopics.NPS, r.nps());
        }
        if (r.csat() != null) {
            p.put(SurveyTopics.CSAT, r.csat());
        }
        if (r.ces() != null) {
            p.put(SurveyTopics.CES, r.ces());
        }
        p.put(SurveyTopics.ANSWERS, Map.copyOf(r.answers()));
        return p;
    }

    private static Map<String, Object> common(String invitationId, String surveyId, int version, String customerId, Subject subject) {
        Map<String, Object> p = new HashMap<>();
        p.put(SurveyTopics.INVITATION_ID, invitationId);
        p.put(SurveyTopics.SURVEY_ID, surveyId);
        p.put(SurveyTopics.SURVEY_VERSION, version);
        p.put(SurveyTopics.CUSTOMER_ID, customerId);
        p.put(SurveyTopics.SUBJECT_TYPE, subject.type());
        p.put(SurveyTopics.SUBJECT_REF, subject.ref());
        return p;
    }
}
