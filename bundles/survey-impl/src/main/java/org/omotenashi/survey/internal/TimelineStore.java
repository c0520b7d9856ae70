package org.omotenashi.survey.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.omotenashi.core.db.Sql;
import org.omotenashi.survey.api.Subject;

/** What the customer's timeline shows of surveys, written in the transaction of each invitation and answer. */
final class TimelineStore {
    /** One row of what the customer's timeline shows of surveys. */
    record Activity(String customerId, Instant at, String kind, String surveyId, String invitationId, Subject subject,
                    Integer nps, Integer csat, Integer ces, String by, String reason, String triggerTopic) {
        static final String INVITED = "INVITED";
        static final String ANSWERED = "ANSWERED";
        static final String SKIPPED = "SKIPPED";
    }

    /** Writes timeline rows in the caller's transaction. */
    void insertActivities(Connection c, List<Activity> rows) throws SQLException {
        Sql.batch(c, "INSERT INTO SURVEY_TIMELINE (CUSTOMER_ID, HAPPENED_AT, KIND, SURVEY_ID, INVITATION_ID, SUBJECT_TYPE, "
                + "SUBJECT_REF, NPS, CSAT, CES, ACTOR, REASON, TRIGGER_TOPIC, SEQ) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows,
                (p, a) -> p.text(a.customerId()).instant(a.at()).text(a.kind()).text(a.surveyId()).text(a.invitationId())
                        .text(a.subject() == null ? null : a.subject().type())
                        .text(a.subject() == null ? null : a.subject().ref()).smallint(a.nps()).smallint(a.csat())
                        .smallint(a.ces()).text(a.by())
                        .text(a.reason() == null ? null : a.reason().substring(0, Math.min(1000, a.reason().length())))
                        .text(a.triggerTopic()).number(org.omotenashi.core.db.OrderedIds.next()));
    }

    /** An answer as its timeline row. */
    static Activity answered(org.omotenashi.survey.api.SurveyResponse r) {
        return new Activity(r.customerId(), r.answeredAt(), Activity.ANSWERED, r.surveyId(), r.invitationId(), r.subject(),
                r.nps(), r.csat(), r.ces(), null, null, null);
    }
}
