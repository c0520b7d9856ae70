package org.omotenashi.connector.maximo.internal;

import static org.omotenashi.connector.spi.FacilityHttp.encode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
 * One Maximo installation through its JSON API and the mxapiwodetail object structure: work orders changed since
 * the cursor ({@code oslc.where=changedate>="…"}, {@code oslc.select}, {@code oslc.orderBy}, {@code lean=1},
 * {@code oslc.pageSize}/{@code pageno}, more pages while {@code responseInfo.nextPage} is there), one work order
 * by its workorderid, and notes written back as a worklog through
 * {@code POST …/mxapiwodetail/{id}} with {@code x-method-override: PATCH} and {@code patchtype: MERGE}.
 * It authenticates with an API key in the {@code apikey} header.
 */
final class MaximoConnector implements FacilityConnector {
    static final String SYSTEM = "Maximo";
    private static final String OBJECT_STRUCTURE = "/maximo/api/os/mxapiwodetail";
    private static final int MAX_PAGES = 50;
    private static final Pattern WORKORDERID = Pattern.compile("[0-9]{1,19}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectionSettings settings;
    private final FacilityHttp http;
    private final String base;
    private final MaximoWorkOrders.Statuses statuses;
    private final String logType;
    private final String extraWhere;

    MaximoConnector(ConnectionSettings settings) {
        this.settings = settings;
        this.base = MaximoWorkOrders.stripSlash(settings.baseUrl().toString());
        this.statuses = new MaximoWorkOrders.Statuses(set(settings.option("completedStatuses", "COMP,CLOSE")),
                set(settings.option("cancelledStatuses", "CAN")), set(settings.option("onHoldStatuses", "WMATL,WPCOND")));
        this.logType = settings.option("logType", "CLIENTNOTE");
        this.extraWhere = settings.option("where", null);
        this.http = new FacilityHttp(SYSTEM, settings.timeout(), MaximoConnector::errorMessage);
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
        String where = "changedate>=" + MaximoWorkOrders.where(from) + (extraWhere == null ? "" : " and " + extraWhere);
        JsonNode answer = json(http.send(get(collection("oslc.where=" + encode(where) + "&oslc.orderBy=" + encode("+changedate")
                + "&oslc.pageSize=" + size + "&pageno=" + (index + 1))), "the work order list"), "the work order list");
        List<WorkItem> items = new ArrayList<>();
        for (JsonNode wo : answer.path("member")) {
            items.add(item(wo));
        }
        return new ChangePage(items, answer.path("responseInfo").has("nextPage"));
    }

    @Override
    public Optional<WorkItem> read(String externalId) throws FacilitySystemException {
        Optional<JsonNode> wo = find(externalId, MaximoWorkOrders.SELECT);
        return wo.isEmpty() ? Optional.empty() : Optional.of(item(wo.get()));
    }

    @Override
    public void writeBack(StatusNote note) throws FacilitySystemException {
        JsonNode wo = find(note.externalId(), "workorderid,worklog{description,description_longdescription}")
                .orElseThrow(() -> new FacilitySystemException(SYSTEM + " does not know work order " + note.externalId(),
                        404, false));
        if (note.retry()) {
            for (JsonNode log : wo.path("worklog")) {
                if (log.path("description_longdescription").asText("").contains(note.marker())) {
                    return;
                }
            }
        }
        String href = wo.path("href").asText("");
        String resource = href.substring(href.lastIndexOf('/') + 1);
        if (resource.isBlank() || resource.contains("?")) {
            throw new FacilitySystemException(SYSTEM + " sent work order " + note.externalId() + " without its address (href)", null, false);
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode log = body.putArray("worklog").addObject();
        String summary = note.text().length() > 100 ? note.text().substring(0, 99) + "…" : note.text();
        log.put("description", summary.lines().findFirst().orElse(summary));
        log.put("description_longdescription", note.text());
        log.put("logtype", logType);
        log.put("clientviewable", false);
        // Maximo changes a resource through POST with these two headers: PATCH, merging the worklog into the existing ones.
        http.send(HttpRequest.newBuilder(URI.create(base + OBJECT_STRUCTURE + "/" + resource + "?lean=1"))
                .timeout(settings.timeout()).header("apikey", settings.apiKey()).header("Accept", "application/json")
                .header("Content-Type", "application/json").header("x-method-override", "PATCH").header("patchtype", "MERGE")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                "the worklog on work order " + note.externalId());
    }

    private Optional<JsonNode> find(String workorderid, String select) throws FacilitySystemException {
        if (!WORKORDERID.matcher(workorderid).matches()) {
            return Optional.empty();
        }
        JsonNode answer = json(http.send(get(URI.create(base + OBJECT_STRUCTURE + "?lean=1&oslc.select=" + encode(select)
                + "&oslc.where=" + encode("workorderid=" + workorderid))), "work order " + workorderid), "work order " + workorderid);
        JsonNode member = answer.path("member");
        return member.size() == 0 ? Optional.empty() : Optional.of(member.get(0));
    }

    private URI collection(String query) {
        return URI.create(base + OBJECT_STRUCTURE + "?lean=1&oslc.select=" + encode(MaximoWorkOrders.SELECT) + "&" + query);
    }

    private WorkItem item(JsonNode wo) throws FacilitySystemException {
        try {
            return MaximoWorkOrders.item(wo, settings.instance(), settings.baseUrl(), statuses);
        } catch (IllegalArgumentException e) {
            throw new FacilitySystemException(SYSTEM + " sent a work order the connector cannot read: " + e.getMessage(), null, false);
        }
    }

    private HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(settings.timeout()).header("apikey", settings.apiKey())
                .header("Accept", "application/json").GET().build();
    }

    private JsonNode json(HttpResponse<String> response, String what) throws FacilitySystemException {
        return http.json(response, what, JSON::readTree);
    }

    /** Maximo's errors: {@code {"Error": {"message": …, "reasonCode": …}}} (lean) or {@code oslc:Error} with oslc: names. */
    static String errorMessage(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = root.has("Error") ? root.get("Error") : root.path("oslc:Error");
            String message = error.has("message") ? error.get("message").asText() : error.path("oslc:message").asText(null);
            if (message == null) {
                return null;
            }
            return message.length() > 200 ? message.substring(0, 200) + "…" : message;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Set<String> set(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

}
