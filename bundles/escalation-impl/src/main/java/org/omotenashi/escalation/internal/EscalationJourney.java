package org.omotenashi.escalation.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

import org.omotenashi.core.customer.ContactHold;
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
 * The escalations' part of each customer's journey: every step (opened, moved up, acknowledged, resolved) with
 * who took it and why, the open escalations in the summary, and each of them as a hold on the contact budget.
 */
@Component(service = JourneySource.class, configurationPid = "org.omotenashi.escalation")
public final class EscalationJourney implements JourneySource {
    static final String NAME = "escalation";
    private static final int MAX_OPEN_LISTED = 20;

    private final DataSource dataSource;

    @Activate
    public EscalationJourney(@Reference(name = "dataSource") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<TimelineEntry> timeline(TimelineQuery q) {
        return TimelineSql.page(dataSource, "SELECT SEQ, HAPPENED_AT, STEP, ACTOR, REASON, ESCALATION_ID, LEVEL_NO, "
                + "RULE_NAME, SUBJECT_TYPE, SUBJECT_REF FROM ESCALATION_STEP", "", "STEP", q, r -> {
                    String step = r.getString(3);
                    String id = r.getString(6);
                    int level = r.getInt(7);
                    String rule = r.getString(8);
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("level", level);
                    details.put("rule", rule);
                    details.put("subjectType", r.getString(9));
                    details.put("subjectRef", r.getString(10));
                    return new TimelineEntry(TimelineEntry.id(NAME, r.getLong(1)), Instant.ofEpochMilli(r.getLong(2)),
                            NAME + "." + step.toLowerCase(Locale.ROOT), r.getString(4),
                            what(step, rule, level, r.getString(9), r.getString(10)), r.getString(5),
                            new RecordLink("escalation", id, "/api/v1/escalations/" + id), details);
                });
    }

    private static String what(String step, String rule, int level, String subjectType, String subjectRef) {
        String about = subjectType + " " + subjectRef;
        return switch (step) {
            case "OPENED" -> "Escalated at level " + level + " by rule \"" + rule + "\" about " + about;
            case "RAISED" -> "Escalation about " + about + " moved up to level " + level;
            case "ACKNOWLEDGED" -> "Escalation about " + about + " acknowledged";
            case "RESOLVED" -> "Escalation about " + about + " resolved";
            default -> "Escalation about " + about + ": " + step;
        };
    }

    @Override
    public Map<String, Object> summary(String customerId, Instant now) {
        List<Map<String, Object>> open = openEscalations(customerId);
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("open", open.size());
        section.put("openEscalations", open);
        return section;
    }

    @Override
    public List<ContactHold> holds(String customerId, Instant since) {
        List<ContactHold> holds = new ArrayList<>();
        for (Map<String, Object> e : openEscalations(customerId)) {
            String id = (String) e.get("id");
            holds.add(new ContactHold(ContactHold.OPEN_ESCALATION, Instant.parse((String) e.get("openedAt")), null,
                    "escalation " + id + " (\"" + e.get("rule") + "\", level " + e.get("level") + ") is " + e.get("status"),
                    new RecordLink("escalation", id, "/api/v1/escalations/" + id)));
        }
        return holds;
    }

    /** The customer's unresolved escalations, oldest first, at most twenty. */
    private List<Map<String, Object>> openEscalations(String customerId) {
        return Transactions.read(dataSource, c -> Sql.list(c, "SELECT ID, RULE_NAME, LEVEL_NO, STATUS, OPENED_AT "
                + "FROM ESCALATION WHERE CUSTOMER_ID=? AND STATUS IN ('OPEN', 'ACKNOWLEDGED') ORDER BY OPENED_AT "
                + "FETCH FIRST " + MAX_OPEN_LISTED + " ROWS ONLY", r -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("id", r.getString(1));
                    e.put("rule", r.getString(2));
                    e.put("level", r.getInt(3));
                    e.put("status", r.getString(4));
                    e.put("openedAt", Instant.ofEpochMilli(r.getLong(5)).toString());
                    return e;
                }, customerId));
    }
}
