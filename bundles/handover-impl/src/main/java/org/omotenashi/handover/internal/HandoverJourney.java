package org.omotenashi.handover.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * The handover's part of each customer's journey: every step of every handover (drafted, submitted, returned with
 * questions, acknowledged, accepted, acknowledgement overdue) from its step rows, and the customer's handovers
 * in the summary.
 */
@Component(service = JourneySource.class, configurationPid = "org.omotenashi.handover")
public final class HandoverJourney implements JourneySource {
    static final String NAME = "handover";

    private final DataSource dataSource;

    @Activate
    public HandoverJourney(@Reference(name = "dataSource") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<TimelineEntry> timeline(TimelineQuery q) {
        return TimelineSql.page(dataSource, "SELECT s.SEQ, s.HAPPENED_AT, s.STEP, s.ACTOR, s.REASON, s.HANDOVER_ID, "
                + "h.DEAL_REF, h.SERVICE_TEAM FROM HANDOVER_STEP s JOIN HANDOVER h ON h.ID=s.HANDOVER_ID", "s.", "STEP", q,
                r -> {
                    String step = r.getString(3);
                    String id = r.getString(6);
                    String deal = r.getString(7);
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("dealRef", deal);
                    if (r.getString(8) != null) {
                        details.put("serviceTeam", r.getString(8));
                    }
                    return new TimelineEntry(TimelineEntry.id(NAME, r.getLong(1)), Instant.ofEpochMilli(r.getLong(2)),
                            NAME + "." + step.toLowerCase(Locale.ROOT), r.getString(4), what(step, deal), r.getString(5),
                            new RecordLink("handover", id, "/api/v1/handovers/" + id), details);
                });
    }

    private static String what(String step, String deal) {
        return switch (step) {
            case "DRAFT" -> "Handover of deal " + deal + " drafted by sales";
            case "SUBMITTED" -> "Handover of deal " + deal + " submitted to service";
            case "RETURNED" -> "Handover of deal " + deal + " returned to sales with questions";
            case "ACKNOWLEDGED" -> "Handover of deal " + deal + " acknowledged by service";
            case "ACCEPTED" -> "Handover of deal " + deal + " accepted: its promises belong to service now";
            case "ACK_OVERDUE" -> "Handover of deal " + deal + " not acknowledged in time";
            default -> "Handover of deal " + deal + ": " + step;
        };
    }

    @Override
    public Map<String, Object> summary(String customerId, Instant now) {
        Map<String, Object> byStatus = Transactions.read(dataSource, c -> {
            Map<String, Object> counts = new LinkedHashMap<>();
            Sql.each(c, "SELECT STATUS, COUNT(*) FROM HANDOVER WHERE CUSTOMER_ID=? GROUP BY STATUS ORDER BY STATUS",
                    p -> p.text(customerId), r -> counts.put(r.getString(1), r.getLong(2)));
            return counts;
        });
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("byStatus", byStatus);
        return section;
    }
}
