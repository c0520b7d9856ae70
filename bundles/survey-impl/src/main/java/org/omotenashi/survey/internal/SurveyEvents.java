package org.omotenashi.survey.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.omotenashi.core.events.EventLog;
import org.omotenashi.survey.api.Language;
import org.omotenashi.survey.api.Subject;
import org.omotenashi.survey.api.SurveyResponse;
import org.omotenashi.survey.api.SurveyTopics;

/**
 * Writes the survey events to the durable event log, in the transaction of the invitation or answer they report,
 * with plain properties; the log posts them to EventAdmin after the commit. No token and no e-mail address ever
 * goes into an event.
 */
final class SurveyEvents {
    private final EventLog log;

    SurveyEvents(EventLog log) {
        this.log = log;
    }

    void invited(Connection c, String invitationId, String surveyId, int version, String customerId, Subject subject,
                 Language language) throws SQLException {
        Map<String, Object> p = common(invitationId, surveyId, version, customerId, subject);
        p.put(SurveyTopics.LANGUAGE, language.name().toLowerCase(Locale.ROOT));
        log.append(c, SurveyTopics.INVITED, p);
    }

    void answered(Connection c, SurveyResponse r) throws SQLException {
        log.append(c, SurveyTopics.ANSWERED, answer(r));
        if (r.isDetractor()) {
            log.append(c, SurveyTopics.DETRACTOR, answer(r));
        }
    }

    /** An automatic invitation that was not sent, and why. */
    void skipped(Connection c, String surveyId, String customerId, Subject subject, String reason, String triggerTopic)
            throws SQLException {
        Map<String, Object> p = new HashMap<>();
        p.put(SurveyTopics.SURVEY_ID, surveyId);
        p.put(SurveyTopics.CUSTOMER_ID, customerId);
        p.put(SurveyTopics.SUBJECT_TYPE, subject.type());
        p.put(SurveyTopics.SUBJECT_REF, subject.ref());
        p.put(SurveyTopics.REASON, reason);
        p.put(SurveyTopics.TRIGGER_TOPIC, triggerTopic);
        log.append(c, SurveyTopics.SKIPPED, p);
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
