package org.omotenashi.connector.topdesk.internal;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.omotenashi.connector.spi.Party;
import org.omotenashi.connector.spi.WorkItem;
import org.omotenashi.connector.spi.WorkState;

/**
 * A TOPdesk incident as the incidents API returns it, mapped onto a work item: pure functions, so the mapping
 * table in the README is what these do.
 */
final class TopdeskIncidents {
    /** The fields the connector asks for; everything else TOPdesk holds stays there. */
    static final String FIELDS = "id,number,externalNumber,briefDescription,request,caller,callerBranch,operator,"
            + "operatorGroup,targetDate,onHold,processingStatus,completed,closed,creationDate,modificationDate";
    /** TOPdesk writes {@code 2026-11-02T09:00:00.000+0000}; ISO-8601 with a colon in the offset is read too. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HHMM", "Z").toFormatter(Locale.ROOT);

    private TopdeskIncidents() {
    }

    /**
     * @param cancelled processing-status names that mean the incident was withdrawn (compared ignoring case)
     * @param customerField {@code callerBranch} (the caller's branch, falling back to the caller) or {@code caller}
     */
    static WorkItem item(JsonNode incident, String instance, URI base, Set<String> cancelled, String customerField) {
        String id = text(incident, "id");
        if (id == null) {
            throw new IllegalArgumentException("an incident without id");
        }
        Instant changedAt = instant(incident.path("modificationDate"));
        if (changedAt == null) {
            throw new IllegalArgumentException("incident " + id + " has no modificationDate");
        }
        String status = text(incident.path("processingStatus"), "name");
        WorkState state = status != null && cancelled.contains(status.toLowerCase(Locale.ROOT)) ? WorkState.CANCELLED
                : incident.path("closed").asBoolean(false) || incident.path("completed").asBoolean(false)
                ? WorkState.COMPLETED : WorkState.OPEN;
        return new WorkItem(instance, id, text(incident, "number"), text(incident, "briefDescription"),
                text(incident, "request"), customer(incident, customerField), owner(incident),
                instant(incident.path("targetDate")), incident.path("onHold").asBoolean(false), state,
                instant(incident.path("creationDate")), changedAt, link(base, id));
    }

    /** Where an operator opens the incident in TOPdesk's own screens. */
    static URI link(URI base, String id) {
        return URI.create(stripSlash(base.toString()) + "/tas/secure/incident?action=show&unid=" + id);
    }

    /** A timestamp as FIQL queries take it. */
    static String fiql(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    static Instant instant(JsonNode value) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            return null;
        }
        String text = value.asText().strip();
        try {
            return OffsetDateTime.parse(text, TIMESTAMP).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException("not a TOPdesk timestamp: " + text);
            }
        }
    }

    private static Party customer(JsonNode incident, String customerField) {
        JsonNode branch = incident.path("callerBranch");
        if (!"caller".equals(customerField) && text(branch, "id") != null) {
            return new Party("callerBranch", text(branch, "id"), text(branch, "name"));
        }
        JsonNode caller = incident.path("caller");
        String callerId = text(caller, "id");
        String callerName = text(caller, "dynamicName");
        if (callerId == null && callerName == null) {
            return null;
        }
        // An unregistered caller has a name but no id: the name is all TOPdesk knows of them.
        return new Party("caller", callerId != null ? callerId : callerName, callerName);
    }

    private static Party owner(JsonNode incident) {
        JsonNode group = incident.path("operatorGroup");
        if (text(group, "id") != null) {
            return new Party("operatorGroup", text(group, "id"), text(group, "name"));
        }
        JsonNode operator = incident.path("operator");
        return text(operator, "id") == null ? null : new Party("operator", text(operator, "id"), text(operator, "name"));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
