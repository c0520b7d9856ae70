package org.omotenashi.connector.maximo.internal;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.omotenashi.connector.spi.Party;
import org.omotenashi.connector.spi.WorkItem;
import org.omotenashi.connector.spi.WorkState;

/**
 * A Maximo work order as the mxapiwodetail object structure returns it with {@code lean=1}, mapped onto a work
 * item: pure functions, so the README's mapping table is what these do.
 */
final class MaximoWorkOrders {
    /** The attributes the connector selects; everything else Maximo holds stays there. */
    static final String SELECT = "workorderid,wonum,siteid,description,description_longdescription,status,"
            + "targcompdate,reportdate,changedate,lead,owner,ownergroup,persongroup";
    private static final DateTimeFormatter WHERE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);

    private MaximoWorkOrders() {
    }

    /** The work order's status sets, from the instance's options. */
    record Statuses(Set<String> completed, Set<String> cancelled, Set<String> onHold) {
    }

    static WorkItem item(JsonNode wo, String instance, URI base, Statuses statuses) {
        String id = text(wo, "workorderid");
        if (id == null) {
            throw new IllegalArgumentException("a work order without workorderid");
        }
        Instant changedAt = instant(wo.path("changedate"));
        if (changedAt == null) {
            throw new IllegalArgumentException("work order " + id + " has no changedate");
        }
        String status = text(wo, "status");
        String upper = status == null ? "" : status.toUpperCase(Locale.ROOT);
        WorkState state = statuses.cancelled().contains(upper) ? WorkState.CANCELLED
                : statuses.completed().contains(upper) ? WorkState.COMPLETED : WorkState.OPEN;
        String site = text(wo, "siteid");
        return new WorkItem(instance, id, text(wo, "wonum"), text(wo, "description"),
                text(wo, "description_longdescription"), site == null ? null : new Party("site", site, site),
                owner(wo), instant(wo.path("targcompdate")), statuses.onHold().contains(upper), state,
                instant(wo.path("reportdate")), changedAt, link(base, id));
    }

    /** Maximo's own screen for the work order (Work Order Tracking). */
    static URI link(URI base, String workorderid) {
        return URI.create(stripSlash(base.toString()) + "/maximo/ui/?event=loadapp&value=wotrack&uniqueid=" + workorderid);
    }

    /** A timestamp as {@code oslc.where} takes it, quoted. */
    static String where(Instant instant) {
        return "\"" + WHERE_TIME.format(instant) + "\"";
    }

    static Instant instant(JsonNode value) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.asText().strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a Maximo timestamp: " + value.asText());
        }
    }

    /** The crew or person group first (that is whom the work waits on), then the lead, then the owner. */
    private static Party owner(JsonNode wo) {
        for (String field : new String[] {"persongroup", "ownergroup", "lead", "owner"}) {
            String value = text(wo, field);
            if (value != null) {
                return new Party(field, value, value);
            }
        }
        return null;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
