package org.omotenashi.itests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * A TOPdesk installation as the documentation of its Incident Management REST API describes it
 * (developers.topdesk.com, "Incident" API), served by WireMock in the test JVM:
 * <ul>
 * <li>{@code GET /tas/api/incidents} with {@code query} (FIQL; {@code modificationDate=ge=<ISO-8601>} and a
 * further {@code ;(…)} clause), {@code sort} ({@code modificationDate:asc}), {@code fields} (only those fields
 * come back), {@code page_size} (1–10000) and {@code start}; 200 when the page holds the rest, 206 Partial
 * Content when more follow, 204 when nothing matches. Incidents changed at the same moment come in no
 * particular order (here: newest number first), as the documentation promises no order beyond the sort.</li>
 * <li>{@code GET /tas/api/incidents/id/{id}} (404 with TOPdesk's error list when unknown),
 * {@code GET /tas/api/incidents/id/{id}/actions} (newest first, 204 when none).</li>
 * <li>{@code PUT /tas/api/incidents/id/{id}} with {@code action}, {@code actionInvisibleForCaller} and
 * {@code externalNumber}: adds the action, sets the field, and changes modificationDate as TOPdesk does.</li>
 * <li>HTTP Basic with an operator's login name and application password; anything else is 401.</li>
 * </ul>
 * Errors are TOPdesk's list of {@code {"message": …}}. What the connector wrote back stays in the incidents.
 */
final class TopdeskIncidentApiStub implements AutoCloseable {
    static final String OPERATOR = "omotenashi-api";
    static final String APPLICATION_PASSWORD = "x7kq2-mzp4r-t9wc8-hj3nb-0fyel";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TOPDESK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
            .withZone(ZoneOffset.UTC);

    private final WireMockServer server;
    private final Map<String, ObjectNode> incidents = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> actions = new LinkedHashMap<>();
    private final List<StubMapping> faults = new ArrayList<>();
    private Instant lastChange = Instant.EPOCH;
    private int numbers;

    TopdeskIncidentApiStub() {
        server = new WireMockServer(options().dynamicPort().extensions(new Api()));
        server.start();
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (OPERATOR + ":" + APPLICATION_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        server.stubFor(get(urlPathEqualTo("/tas/api/incidents")).atPriority(10)
                .withHeader("Authorization", equalTo(auth)).willReturn(aResponse().withTransformers(Api.NAME)));
        server.stubFor(get(urlPathMatching("/tas/api/incidents/id/[^/]+(/actions)?")).atPriority(10)
                .withHeader("Authorization", equalTo(auth)).willReturn(aResponse().withTransformers(Api.NAME)));
        server.stubFor(put(urlPathMatching("/tas/api/incidents/id/[^/]+")).atPriority(10)
                .withHeader("Authorization", equalTo(auth)).withHeader("Content-Type", equalTo("application/json"))
                .willReturn(aResponse().withTransformers(Api.NAME)));
        server.stubFor(any(urlPathMatching("/tas/api/.*")).atPriority(100).willReturn(error(401,
                "Unauthorized: use an operator's login name and an application password")));
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** A new incident of Hotel Zon for the facility group, as an operator would log it; returns its id. */
    synchronized String create(String briefDescription, Instant targetDate) {
        String id = UUID.randomUUID().toString();
        ObjectNode incident = JSON.createObjectNode();
        incident.put("id", id);
        incident.put("number", String.format("I 2611 %03d", ++numbers));
        incident.put("externalNumber", "");
        incident.put("briefDescription", briefDescription);
        incident.put("request", briefDescription + " (logged by the front desk)");
        ObjectNode branch = JSON.createObjectNode().put("id", "b-zon").put("name", "Hotel Zon");
        incident.putObject("caller").put("id", "p-17").put("dynamicName", "Jansen, Anna").set("branch", branch.deepCopy());
        incident.set("callerBranch", branch);
        incident.putObject("operator").put("id", "o-3").put("name", "Pieters, Kees");
        incident.putObject("operatorGroup").put("id", "g-fm").put("name", "Facilitair beheer");
        setTime(incident, "targetDate", targetDate);
        incident.put("onHold", false);
        incident.putObject("processingStatus").put("id", "s-1").put("name", "Aangemeld");
        incident.put("completed", false);
        incident.put("closed", false);
        Instant now = nextChange();
        setTime(incident, "creationDate", now);
        setTime(incident, "modificationDate", now);
        incidents.put(id, incident);
        return id;
    }

    /** Changes an incident as an operator would; its modificationDate moves on. */
    synchronized void change(String id, Consumer<ObjectNode> edit) {
        ObjectNode incident = incidents.get(id);
        edit.accept(incident);
        setTime(incident, "modificationDate", nextChange());
    }

    void moveTargetDate(String id, Instant targetDate) {
        change(id, i -> setTime(i, "targetDate", targetDate));
    }

    void complete(String id) {
        change(id, i -> {
            i.put("completed", true);
            i.putObject("processingStatus").put("id", "s-9").put("name", "Gereed");
        });
    }

    /** The texts of the actions on an incident, oldest first: what the connector wrote back. */
    synchronized List<String> actionTexts(String id) {
        List<String> texts = new ArrayList<>();
        actions.getOrDefault(id, List.of()).forEach(a -> texts.add(a.get("memoText").asText()));
        return texts;
    }

    /**
     * Checks with WireMock's request journal that exactly {@code count} actions were PUT onto the incident whose
     * text contains {@code text}: what the connector wrote back, counted at the wire, repeats included.
     */
    void verifyActions(int count, String id, String text) {
        server.verify(count, putRequestedFor(urlPathEqualTo("/tas/api/incidents/id/" + id))
                .withRequestBody(containing(text)));
    }

    /** Every incident's id. */
    synchronized java.util.Set<String> ids() {
        return new java.util.HashSet<>(incidents.keySet());
    }

    synchronized String externalNumber(String id) {
        return incidents.get(id).get("externalNumber").asText();
    }

    /** From now on every call answers {@code status} (e.g. 503 during maintenance) until {@link #healthy()}. */
    synchronized void answer(int status) {
        faults.add(server.stubFor(any(urlPathMatching("/tas/api/.*")).atPriority(1)
                .willReturn(error(status, "The service is temporarily unavailable"))));
    }

    /** From now on every call answers correctly but only after {@code delay}, until {@link #healthy()}. */
    synchronized void slow(Duration delay) {
        faults.add(server.stubFor(any(urlPathMatching("/tas/api/.*")).atPriority(1)
                .willReturn(aResponse().withTransformers(Api.NAME).withFixedDelay((int) delay.toMillis()))));
    }

    synchronized void healthy() {
        faults.forEach(server::removeStub);
        faults.clear();
    }

    /** How many incident-list requests came in so far. */
    int listRequests() {
        return (int) server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/tas/api/incidents?")).count();
    }

    @Override
    public void close() {
        server.stop();
    }

    private Instant nextChange() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        lastChange = now.isAfter(lastChange) ? now : lastChange.plusMillis(1);
        return lastChange;
    }

    private static void setTime(ObjectNode node, String field, Instant value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, TOPDESK_TIME.format(value));
        }
    }

    private static Instant time(JsonNode value) {
        return java.time.OffsetDateTime.parse(value.asText(), TOPDESK_TIME).toInstant();
    }

    private static ResponseDefinition json(int status, JsonNode body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body.toString()).build();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String message) {
        ArrayNode errors = JSON.createArrayNode();
        errors.addObject().put("message", message);
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(errors.toString());
    }

    private static ResponseDefinition errorNow(int status, String message) {
        return error(status, message).build();
    }

    /** The API's behaviour, computed from the incidents held. */
    private final class Api implements ResponseDefinitionTransformerV2 {
        static final String NAME = "topdesk-incident-api";

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            ResponseDefinition answer = answer(event.getRequest());
            Integer delay = event.getResponseDefinition().getFixedDelayMilliseconds();
            return delay == null ? answer
                    : com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.like(answer).withFixedDelay(delay).build();
        }

        private ResponseDefinition answer(Request request) {
            String path = request.getUrl().split("\\?")[0];
            synchronized (TopdeskIncidentApiStub.this) {
                try {
                    if (path.equals("/tas/api/incidents")) {
                        return list(request);
                    }
                    String id = path.substring("/tas/api/incidents/id/".length()).split("/")[0];
                    ObjectNode incident = incidents.get(id);
                    if (incident == null) {
                        return errorNow(404, "No incident found with id " + id);
                    }
                    if (path.endsWith("/actions")) {
                        List<ObjectNode> list = new ArrayList<>(actions.getOrDefault(id, List.of()));
                        java.util.Collections.reverse(list);
                        return list.isEmpty() ? aResponse().withStatus(204).build() : json(200, JSON.valueToTree(list));
                    }
                    if (request.getMethod().getName().equals("PUT")) {
                        return update(id, incident, JSON.readTree(request.getBodyAsString()));
                    }
                    return json(200, project(incident, param(request, "fields")));
                } catch (Exception e) {
                    return errorNow(400, "Bad request: " + e.getMessage());
                }
            }
        }

        private ResponseDefinition list(Request request) {
            String query = param(request, "query");
            String sort = param(request, "sort");
            int pageSize = Integer.parseInt(orDefault(param(request, "page_size"), "10"));
            int start = Integer.parseInt(orDefault(param(request, "start"), "0"));
            if (pageSize < 1 || pageSize > 10000) {
                return errorNow(400, "page_size must be between 1 and 10000");
            }
            Instant from = Instant.EPOCH;
            if (query != null) {
                String first = query.split(";")[0];
                if (!first.startsWith("modificationDate=ge=")) {
                    return errorNow(400, "Unsupported query: " + query);
                }
                from = Instant.parse(first.substring("modificationDate=ge=".length()));
            }
            if (sort != null && !sort.equals("modificationDate:asc")) {
                return errorNow(400, "Unsupported sort: " + sort);
            }
            Instant since = from;
            List<ObjectNode> matching = incidents.values().stream()
                    .filter(i -> !time(i.get("modificationDate")).isBefore(since))
                    .sorted(Comparator.comparing((ObjectNode i) -> time(i.get("modificationDate")))
                            .thenComparing(i -> i.get("number").asText(), Comparator.reverseOrder()))
                    .toList();
            if (start >= matching.size()) {
                return aResponse().withStatus(204).build();
            }
            int end = Math.min(matching.size(), start + pageSize);
            ArrayNode page = JSON.createArrayNode();
            matching.subList(start, end).forEach(i -> page.add(project(i, param(request, "fields"))));
            return json(end < matching.size() ? 206 : 200, page);
        }

        private ResponseDefinition update(String id, ObjectNode incident, JsonNode body) {
            if (body.hasNonNull("action")) {
                ObjectNode action = JSON.createObjectNode();
                action.put("id", UUID.randomUUID().toString());
                action.put("memoText", body.get("action").asText());
                action.put("plainText", body.get("action").asText());
                action.put("invisibleForCaller", body.path("actionInvisibleForCaller").asBoolean(false));
                action.put("entryDate", TOPDESK_TIME.format(Instant.now()));
                action.putObject("operator").put("id", "o-api").put("name", OPERATOR);
                actions.computeIfAbsent(id, k -> new ArrayList<>()).add(action);
            }
            if (body.has("externalNumber")) {
                incident.put("externalNumber", body.get("externalNumber").asText());
            }
            setTime(incident, "modificationDate", nextChange());
            return json(200, incident);
        }

        private JsonNode project(ObjectNode incident, String fields) {
            if (fields == null) {
                return incident.deepCopy();
            }
            ObjectNode projected = JSON.createObjectNode();
            for (String field : fields.split(",")) {
                if (incident.has(field.strip())) {
                    projected.set(field.strip(), incident.get(field.strip()).deepCopy());
                }
            }
            return projected;
        }

        private String param(Request request, String name) {
            QueryParameter parameter = request.queryParameter(name);
            return parameter == null || !parameter.isPresent() ? null : parameter.firstValue();
        }

        private String orDefault(String value, String fallback) {
            return value == null ? fallback : value;
        }
    }
}
