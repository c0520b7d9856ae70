package org.omotenashi.promises.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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
import org.omotenashi.promises.api.PromiseAction;
import org.omotenashi.promises.api.PromiseFigures;
import org.omotenashi.promises.api.PromiseStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The promise tracker's part of each customer's journey: every step of every promise from its history rows
 * (newest first on the index by customer, time and number), open and broken promises and the kept-on-time rate
 * of the last 90 days for the summary, and a recently broken promise for the contact budget.
 */
@Component(service = JourneySource.class, configurationPid = "org.omotenashi.promises")
public final class PromiseJourney implements JourneySource {
    static final String NAME = "promise";
    static final Duration RATE_PERIOD = Duration.ofDays(90);

    private final DataSource dataSource;

    @Activate
    public PromiseJourney(@Reference(name = "dataSource") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<TimelineEntry> timeline(TimelineQuery q) {
        return TimelineSql.page(dataSource, "SELECT h.SEQ, h.HAPPENED_AT, h.ACTION, h.ACTOR, h.REASON, h.DETAILS, "
                + "h.PROMISE_ID, p.DESCRIPTION FROM PROMISE_HISTORY h JOIN PROMISE p ON p.ID=h.PROMISE_ID", "h.", "ACTION", q,
                r -> entry(r.getLong(1), Instant.ofEpochMilli(r.getLong(2)), PromiseAction.valueOf(r.getString(3)),
                        r.getString(4), r.getString(5), PromiseStore.details(r.getString(6)), r.getString(7), r.getString(8)));
    }

    private static TimelineEntry entry(long seq, Instant at, PromiseAction action, String by, String reason,
                                       Map<String, String> details, String promiseId, String description) {
        String what = switch (action) {
            case MADE -> "Promise made: " + description + " (due " + details.getOrDefault("dueAt", "?") + ")";
            case RENEGOTIATED -> "New date agreed for " + description + ": " + details.getOrDefault("previousDueAt", "?")
                    + " becomes " + details.getOrDefault("newDueAt", "?");
            case KEPT -> "Promise kept: " + description;
            case KEPT_LATE -> "Promise kept late: " + description;
            case BROKEN -> "Promise broken: " + description + " was due " + details.getOrDefault("dueAt", "?");
            case CANCELLED -> "Promise cancelled: " + description;
            case REASSIGNED -> "Promise handed from " + details.getOrDefault("previousOwner", "?") + " to "
                    + details.getOrDefault("owner", "?") + ": " + description;
        };
        return new TimelineEntry(TimelineEntry.id(NAME, seq), at, NAME + "." + action.name().toLowerCase(Locale.ROOT), by,
                what, reason, new RecordLink("promise", promiseId, "/api/v1/promises/" + promiseId),
                new LinkedHashMap<>(details));
    }

    @Override
    public Map<String, Object> summary(String customerId, Instant now) {
        return Transactions.read(dataSource, c -> {
            long[] counts = new long[5];
            long[] renegotiated = new long[1];
            Sql.each(c, "SELECT STATUS, COUNT(*), SUM(CASE WHEN RENEGOTIATION_COUNT>0 THEN 1 ELSE 0 END) FROM PROMISE "
                    + "WHERE CUSTOMER_ID=? AND DUE_AT>=? AND DUE_AT<? GROUP BY STATUS",
                    p -> p.text(customerId).instant(now.minus(RATE_PERIOD)).instant(now), r -> {
                        counts[PromiseStatus.valueOf(r.getString(1)).ordinal()] += r.getLong(2);
                        renegotiated[0] += r.getLong(3);
                    });
            PromiseFigures figures = PromiseFigures.of("customer", counts[0], counts[1], counts[2], counts[3], counts[4],
                    renegotiated[0]);
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("open", count(c, customerId, "OPEN"));
            section.put("brokenAndOpen", count(c, customerId, "BROKEN"));
            section.put("period", Map.of("from", now.minus(RATE_PERIOD).toString(), "to", now.toString()));
            section.put("cameDue", figures.kept() + figures.keptLate() + figures.broken());
            if (figures.keptOnTimeRate() != null) {
                section.put("keptOnTimeRate", Math.round(figures.keptOnTimeRate() * 10000) / 10000.0);
            }
            return section;
        });
    }

    private static long count(Connection c, String customerId, String status) throws SQLException {
        return Sql.one(c, "SELECT COUNT(*) FROM PROMISE WHERE CUSTOMER_ID=? AND STATUS=?", r -> r.getLong(1), customerId,
                status).orElseThrow();
    }

    @Override
    public List<ContactHold> holds(String customerId, Instant since) {
        return Transactions.read(dataSource, c -> Sql.list(c, "SELECT h.PROMISE_ID, h.HAPPENED_AT, p.DESCRIPTION "
                + "FROM PROMISE_HISTORY h JOIN PROMISE p ON p.ID=h.PROMISE_ID WHERE h.CUSTOMER_ID=? AND h.HAPPENED_AT>=? "
                + "AND h.ACTION='BROKEN' ORDER BY h.HAPPENED_AT DESC, h.SEQ DESC FETCH FIRST 1 ROWS ONLY", r -> {
                    Instant broke = Instant.ofEpochMilli(r.getLong(2));
                    String id = r.getString(1);
                    return new ContactHold(ContactHold.BROKEN_PROMISE, broke, null,
                            "promise " + id + " (" + r.getString(3) + ") broke on " + broke,
                            new RecordLink("promise", id, "/api/v1/promises/" + id));
                }, customerId, since));
    }
}
