package org.omotenashi.connector.topdesk.internal;

import static org.omotenashi.connector.spi.FacilityHttp.encode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.omotenashi.connector.spi.ChangeCursor;
import org.omotenashi.connector.spi.ChangePage;
import org.omotenashi.connector.spi.ChangePaging;
import org.omotenashi.connector.spi.ConnectionSettings;
import org.omotenashi.connector.spi.FacilityConnector;
import org.omotenashi.connector.spi.FacilityHttp;
import org.omotenashi.connector.spi.FacilitySystemException;
import org.omotenashi.connector.spi.StatusNote;
import org.omotenashi.connector.spi.WorkItem;

/**
 * One TOPdesk installation through its REST API: incidents changed since the cursor from
 * {@code GET /tas/api/incidents} (FIQL {@code query} on modificationDate, {@code sort}, {@code fields},
 * {@code page_size}/{@code start}; 206 when more pages follow), one incident from
 * {@code GET /tas/api/incidents/id/{id}}, and notes written back as an action with
 * {@code PUT /tas/api/incidents/id/{id}}, which also puts the promise's id into externalNumber when that is empty.
 * It logs in as an operator with an application password (HTTP Basic).
 */
final class TopdeskConnector implements FacilityConnector {
    static final String SYSTEM = "TOPdesk";
    /** How many pages one poll call reads at most while one modification time fills them. */
    private static final int MAX_PAGES = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectionSettings settings;
    private final FacilityHttp http;
    private final String base;
    private final String authorization;
    private final Set<String> cancelledStatuses = new HashSet<>();
    private final String customerField;
    private final boolean invisibleForCaller;
    private final String extraQuery;

    TopdeskConnector(ConnectionSettings settings) {
        this.settings = settings;
        this.base = TopdeskIncidents.stripSlash(settings.baseUrl().toString());
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
        for (String status : settings.option("cancelledStatuses", "Cancelled,Geannuleerd").split(",")) {
            if (!status.isBlank()) {
                cancelledStatuses.add(status.strip().toLowerCase(Locale.ROOT));
            }
        }
        this.customerField = settings.option("customer", "callerBranch");
        this.invisibleForCaller = Boolean.parseBoolean(settings.option("actionInvisibleForCaller", "true"));
        this.extraQuery = settings.option("query", null);
        this.http = new FacilityHttp(SYSTEM, settings.timeout(), TopdeskConnector::errorMessage);
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public ChangePage changedSince(ChangeCursor cursor, int limit) throws FacilitySystemException {
        return ChangePaging.collect(cursor, limit, index -> page(cursor.changedAt(), index, limit), MAX_PAGES);
    }

    private ChangePage page(Instant from, int index, int size) throws FacilitySystemException {
        String query = "modificationDate=ge=" + TopdeskIncidents.fiql(from) + (extraQuery == null ? "" : ";(" + extraQuery + ")");
        URI uri = URI.create(base + "/tas/api/incidents?query=" + encode(query) + "&sort=" + encode("modificationDate:asc")
                + "&fields=" + encode(TopdeskIncidents.FIELDS) + "&page_size=" + size + "&start=" + (index * size));
        HttpResponse<String> response = http.send(get(uri), "the incident list");
        if (response.statusCode() == 204) {
            return new ChangePage(List.of(), false);
        }
        JsonNode list = json(response, "the incident list");
        if (!list.isArray()) {
            throw new FacilitySystemException(SYSTEM + " answered the incident list with something other than a list", 
                    response.statusCode(), false);
        }
        List<WorkItem> items = new ArrayList<>();
        for (JsonNode incident : list) {
            items.add(item(incident));
        }
        // 206 Partial Content: TOPdesk holds more incidents than this page.
        return new ChangePage(items, response.statusCode() == 206);
    }

    @Override
    public Optional<WorkItem> read(String externalId) throws FacilitySystemException {
        URI uri = URI.create(base + "/tas/api/incidents/id/" + encode(externalId) + "?fields=" + encode(TopdeskIncidents.FIELDS));
        HttpResponse<String> response = http.send(get(uri), "incident " + externalId, 404);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(item(json(response, "incident " + externalId)));
    }

    @Override
    public void writeBack(StatusNote note) throws FacilitySystemException {
        String incident = base + "/tas/api/incidents/id/" + encode(note.externalId());
        if (note.retry() && alreadyWritten(incident, note)) {
            return;
        }
        JsonNode current = json(http.send(get(URI.create(incident + "?fields=id,externalNumber")), "incident " + note.externalId()),
                "incident " + note.externalId());
        ObjectNode body = JSON.createObjectNode();
        body.put("action", note.text());
        body.put("actionInvisibleForCaller", invisibleForCaller);
        if (TopdeskIncidents.text(current, "externalNumber") == null && note.promiseId() != null) {
            body.put("externalNumber", note.promiseId());
        }
        http.send(HttpRequest.newBuilder(URI.create(incident)).timeout(settings.timeout())
                .header("Authorization", authorization).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                "the action on incident " + note.externalId());
    }

    /** Whether an earlier attempt's action is on the incident already: its marker is in an action's text. */
    private boolean alreadyWritten(String incident, StatusNote note) throws FacilitySystemException {
        HttpResponse<String> response = http.send(get(URI.create(incident + "/actions?page_size=100")),
                "the actions of incident " + note.externalId());
        if (response.statusCode() == 204) {
            return false;
        }
        for (JsonNode action : json(response, "the actions of incident " + note.externalId())) {
            String memo = action.path("memoText").asText("") + action.path("plainText").asText("");
            if (memo.contains(note.marker())) {
                return true;
            }
        }
        return false;
    }

    private WorkItem item(JsonNode incident) throws FacilitySystemException {
        try {
            return TopdeskIncidents.item(incident, settings.instance(), settings.baseUrl(), cancelledStatuses, customerField);
        } catch (IllegalArgumentException e) {
            throw new FacilitySystemException(SYSTEM + " sent an incident the connector cannot read: " + e.getMessage(), null, false);
        }
    }

    private HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(settings.timeout()).header("Authorization", authorization)
                .header("Accept", "application/json").GET().build();
    }

    private JsonNode json(HttpResponse<String> response, String what) throws FacilitySystemException {
        return http.json(response, what, JSON::readTree);
    }

    /** TOPdesk's errors are a list of {@code {"message": …}}; the first message, kept short. */
    static String errorMessage(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            JsonNode first = error.isArray() && error.size() > 0 ? error.get(0) : error;
            String message = first.path("message").asText(null);
            if (message == null) {
                return null;
            }
            return message.length() > 200 ? message.substring(0, 200) + "…" : message;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

}
