package org.omotenashi.survey.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

import org.omotenashi.core.customer.JourneySource;
import org.omotenashi.core.customer.RecordLink;
import org.omotenashi.core.customer.TimelineEntry;
import org.omotenashi.core.customer.TimelineQuery;
import org.omotenashi.core.customer.TimelineSql;
import org.omotenashi.core.db.Sql;
import org.omotenashi.core.db.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The surveys' part of each customer's journey: invitations, answers with their scores, and automatic
 * invitations not sent with why; the latest NPS and CSAT answers in the summary.
 */
@Component(service = JourneySource.class, configurationPid = "org.omotenashi.survey")
public final class SurveyJourney implements JourneySource {
    static final String NAME = "survey";

    private final DataSource dataSource;

    @Activate
    public SurveyJourney(@Reference(name = "dataSource") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<TimelineEntry> timeline(TimelineQuery q) {
        return TimelineSql.page(dataSource, "SELECT t.SEQ, t.HAPPENED_AT, t.KIND, t.ACTOR, t.REASON, t.SURVEY_ID, "
                + "t.INVITATION_ID, t.SUBJECT_TYPE, t.SUBJECT_REF, t.NPS, t.CSAT, t.CES, t.TRIGGER_TOPIC, s.NAME "
                + "FROM SURVEY_TIMELINE t JOIN SURVEY s ON s.ID=t.SURVEY_ID", "t.", "KIND", q, r -> {
                    String kind = r.getString(3);
                    String surveyId = r.getString(6);
                    String survey = r.getString(14);
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("surveyId", surveyId);
                    if (r.getString(7) != null) {
                        details.put("invitationId", r.getString(7));
                    }
                    if (r.getString(8) != null) {
                        details.put("subjectType", r.getString(8));
                        details.put("subjectRef", r.getString(9));
                    }
                    putScore(details, "nps", r, 10);
                    putScore(details, "csat", r, 11);
                    putScore(details, "ces", r, 12);
                    if (r.getString(13) != null) {
                        details.put("triggerTopic", r.getString(13));
                    }
                    return new TimelineEntry(TimelineEntry.id(NAME, r.getLong(1)), Instant.ofEpochMilli(r.getLong(2)),
                            NAME + "." + kind.toLowerCase(Locale.ROOT), r.getString(4), what(kind, survey, details),
                            r.getString(5), new RecordLink("survey", surveyId, "/api/v1/surveys/" + surveyId), details);
                });
    }

    private static void putScore(Map<String, Object> details, String name, ResultSet r, int column) throws SQLException {
        int value = r.getInt(column);
        if (!r.wasNull()) {
            details.put(name, value);
        }
    }

    private static String what(String kind, String survey, Map<String, Object> details) {
        return switch (kind) {
            case TimelineStore.Activity.INVITED -> "Invited to the survey \"" + survey + "\"";
            case TimelineStore.Activity.ANSWERED -> "Answered the survey \"" + survey + "\""
                    + (details.containsKey("nps") ? ": NPS " + details.get("nps") : "")
                    + (details.containsKey("csat") ? (details.containsKey("nps") ? ", " : ": ") + "CSAT " + details.get("csat") : "");
            case TimelineStore.Activity.SKIPPED -> "Not invited to the survey \"" + survey + "\"";
            default -> "Survey \"" + survey + "\": " + kind;
        };
    }

    @Override
    public Map<String, Object> summary(String customerId, Instant now) {
        return Transactions.read(dataSource, c -> {
            Map<String, Object> section = new LinkedHashMap<>();
            latest(c, customerId, "NPS").ifPresent(a -> section.put("latestNps", a));
            latest(c, customerId, "CSAT").ifPresent(a -> section.put("latestCsat", a));
            return section;
        });
    }

    /** The customer's newest answer with a score of this kind: its value, when, and the survey. */
    private static Optional<Map<String, Object>> latest(Connection c, String customerId, String score)
            throws SQLException {
        return Sql.one(c, "SELECT " + score + ", HAPPENED_AT, SURVEY_ID, INVITATION_ID FROM SURVEY_TIMELINE "
                + "WHERE CUSTOMER_ID=? AND KIND='ANSWERED' AND " + score + " IS NOT NULL "
                + "ORDER BY HAPPENED_AT DESC, SEQ DESC FETCH FIRST 1 ROWS ONLY", r -> {
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("value", r.getInt(1));
                    answer.put("answeredAt", Instant.ofEpochMilli(r.getLong(2)).toString());
                    answer.put("surveyId", r.getString(3));
                    answer.put("invitationId", r.getString(4));
                    return answer;
                }, customerId);
    }
}
