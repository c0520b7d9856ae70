package org.omotenashi.itests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * An IBM Maximo installation as the documentation of its REST (JSON) API describes it for the MXAPIWODETAIL object
 * structure, served by WireMock in the test JVM:
 * <ul>
 * <li>{@code GET /maximo/api/os/mxapiwodetail?lean=1} with {@code oslc.select} (only those attributes, and
 * {@code worklog{…}} for the child objects), {@code oslc.where} ({@code changedate>="<ISO-8601>"} or
 * {@code workorderid=<n>}), {@code oslc.orderBy=+changedate}, {@code oslc.pageSize} and {@code pageno}:
 * {@code {"member": […], "responseInfo": {"nextPage": {"href": …}}}}, nextPage only while more follow. Each
 * member carries its {@code href} ({@code _} and the base64 of SITEID/WONUM). changedate has whole seconds.</li>
 * <li>{@code POST /maximo/api/os/mxapiwodetail/{id}} with {@code x-method-override: PATCH} and
 * {@code patchtype: MERGE}: merges the posted worklog into the work order's and answers 204. A POST without
 * those headers would create a work order and is refused here.</li>
 * <li>The {@code apikey} header; without the right key 401 with Maximo's {@code {"Error": …}} (BMXAA7901E).</li>
 * </ul>
 */
final class MaximoWorkOrderApiStub implements AutoCloseable {
    static final String API_KEY = "mx-3f9a0c2b71d84e5fa6b2c9d0e1f2a3b4";
    private static final String PATH = "/maximo/api/os/mxapiwodetail";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter MAXIMO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.ofHours(1));
    private static final Pattern CHANGED_SINCE = Pattern.compile("changedate>=\"([^\"]+)\"");
    private static final Pattern BY_ID = Pattern.compile("workorderid=([0-9]+)");

    private final WireMockServer server;
    private final Map<String, ObjectNode> workOrders = new LinkedHashMap<>();
    private Instant lastChange = Instant.EPOCH;
    private long nextId = 13056;
    private int nextWonum = 1000;

    MaximoWorkOrderApiStub() {
        server = new WireMockServer(options().dynamicPort().extensions(new Api()));
        server.start();
        server.stubFor(get(urlPathEqualTo(PATH)).atPriority(10).withHeader("apikey", equalTo(API_KEY))
                .willReturn(aResponse().withTransformers(Api.NAME)));
        server.stubFor(post(urlPathMatching(PATH + "/_[A-Za-z0-9_=-]+")).atPriority(10).withHeader("apikey", equalTo(API_KEY))
                .withHeader("x-method-override", equalTo("PATCH")).withHeader("patchtype", equalTo("MERGE"))
                .willReturn(aResponse().withTransformers(Api.NAME)));
        server.stubFor(post(urlPathMatching(PATH + ".*")).atPriority(50).withHeader("apikey", equalTo(API_KEY))
                .willReturn(error(400, "BMXAA4129E - Record already exists for Site=BEDFORD, Work Order=1001.", "BMXAA4129E")));
        server.stubFor(any(urlPathMatching("/maximo/.*")).atPriority(100).willReturn(error(401,
                "BMXAA7901E - You cannot log in at this time. Contact the system administrator.", "BMXAA7901E")));
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** A new approved work order at BEDFORD for the FACILITY group; returns its workorderid. */
    synchronized String create(String description, Instant targcompdate) {
        String id = Long.toString(++nextId);
        ObjectNode wo = JSON.createObjectNode();
        wo.put("workorderid", Long.parseLong(id));
        wo.put("wonum", Integer.toString(++nextWonum));
        wo.put("siteid", "BEDFORD");
        wo.put("description", description);
        wo.put("description_longdescription", description + " (reported at the service desk)");
        wo.put("status", "APPR");
        wo.put("targcompdate", MAXIMO_TIME.format(targcompdate));
        wo.put("lead", "WILSON");
        wo.put("persongroup", "FACILITY");
        Instant now = nextChange();
        wo.put("reportdate", MAXIMO_TIME.format(now));
        wo.put("changedate", MAXIMO_TIME.format(now));
        wo.putArray("worklog");
        workOrders.put(id, wo);
        return id;
    }

    synchronized void change(String id, Consumer<ObjectNode> edit) {
        ObjectNode wo = workOrders.get(id);
        edit.accept(wo);
        wo.put("changedate", MAXIMO_TIME.format(nextChange()));
    }

    void status(String id, String status) {
        change(id, wo -> wo.put("status", status));
    }

    /** The long descriptions of the work order's worklog, oldest first: what the connector wrote back. */
    synchronized List<String> worklog(String id) {
        List<String> texts = new ArrayList<>();
        workOrders.get(id).get("worklog").forEach(w -> texts.add(w.path("description_longdescription").asText()));
        return texts;
    }

    @Override
    public void close() {
        server.stop();
    }

    private Instant nextChange() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        lastChange = now.isAfter(lastChange) ? now : lastChange.plusSeconds(1);
        return lastChange;
    }

    /**
     * Checks with WireMock's request journal that exactly {@code count} worklog merges for the work order were
     * POSTed whose body contains {@code text}: what the connector wrote back, counted at the wire.
     */
    synchronized void verifyWorklogs(int count, String id, String text) {
        String resource = href(workOrders.get(id)).substring(server.baseUrl().length());
        server.verify(count, postRequestedFor(urlPathEqualTo(resource)).withHeader("x-method-override", equalTo("PATCH"))
                .withRequestBody(containing(text)));
    }

    private String href(ObjectNode wo) {
        String key = wo.get("siteid").asText() + "/" + wo.get("wonum").asText();
        return server.baseUrl() + PATH + "/_" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseDefinitionBuilder error(int status, String message, String reasonCode) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("Error").put("message", message).put("reasonCode", reasonCode).put("statusCode", Integer.toString(status));
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body.toString());
    }

    /** The API's behaviour, computed from the work orders held. */
    private final class Api implements ResponseDefinitionTransformerV2 {
        static final String NAME = "maximo-mxapiwodetail";

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
            Request request = event.getRequest();
            synchronized (MaximoWorkOrderApiStub.this) {
                try {
                    return request.getMethod().getName().equals("POST") ? merge(request) : query(request);
                } catch (Exception e) {
                    return error(400, "BMXAA0000E - " + e.getMessage(), "BMXAA0000E").build();
                }
            }
        }

        private ResponseDefinition query(Request request) {
            if (!"1".equals(param(request, "lean"))) {
                return error(400, "BMXAA0000E - this stub serves lean=1 only", "BMXAA0000E").build();
            }
            String where = param(request, "oslc.where");
            String select = param(request, "oslc.select");
            int pageSize = Integer.parseInt(orDefault(param(request, "oslc.pageSize"), "1000"));
            int pageno = Integer.parseInt(orDefault(param(request, "pageno"), "1"));
            List<ObjectNode> matching;
            Matcher since = where == null ? null : CHANGED_SINCE.matcher(where);
            Matcher byId = where == null ? null : BY_ID.matcher(where);
            if (since != null && since.find()) {
                Instant from = OffsetDateTime.parse(since.group(1)).toInstant();
                matching = workOrders.values().stream()
                        .filter(wo -> !OffsetDateTime.parse(wo.get("changedate").asText()).toInstant().isBefore(from))
                        .sorted(Comparator.comparing((ObjectNode wo) -> OffsetDateTime.parse(wo.get("changedate").asText()).toInstant())
                                .thenComparing(wo -> wo.get("wonum").asText(), Comparator.reverseOrder()))
                        .toList();
            } else if (byId != null && byId.find()) {
                ObjectNode wo = workOrders.get(byId.group(1));
                matching = wo == null ? List.of() : List.of(wo);
            } else {
                return error(400, "BMXAA0000E - unsupported oslc.where: " + where, "BMXAA0000E").build();
            }
            int from = Math.min(matching.size(), (pageno - 1) * pageSize);
            int to = Math.min(matching.size(), from + pageSize);
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode member = answer.putArray("member");
            matching.subList(from, to).forEach(wo -> member.add(select(wo, select)));
            ObjectNode info = answer.putObject("responseInfo");
            info.put("href", server.baseUrl() + request.getUrl());
            info.put("pagenum", pageno);
            if (to < matching.size()) {
                info.putObject("nextPage").put("href", server.baseUrl() + PATH + "?pageno=" + (pageno + 1));
            }
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(answer.toString()).build();
        }

        private ResponseDefinition merge(Request request) throws Exception {
            String resource = request.getUrl().split("\\?")[0].substring(PATH.length() + 1);
            ObjectNode wo = workOrders.values().stream().filter(w -> href(w).endsWith("/" + resource)).findFirst().orElse(null);
            if (wo == null) {
                return error(404, "BMXAA8727E - The OSLC resource was not found.", "BMXAA8727E").build();
            }
            JsonNode body = JSON.readTree(request.getBodyAsString());
            for (JsonNode log : body.path("worklog")) {
                ObjectNode entry = ((ObjectNode) log).deepCopy();
                entry.put("worklogid", ((ArrayNode) wo.get("worklog")).size() + 1);
                ((ArrayNode) wo.get("worklog")).add(entry);
            }
            wo.put("changedate", MAXIMO_TIME.format(nextChange()));
            return aResponse().withStatus(204).build();
        }

        /** Only the selected attributes; {@code worklog{a,b}} selects the worklog with those attributes. */
        private JsonNode select(ObjectNode wo, String select) {
            ObjectNode out = JSON.createObjectNode();
            out.put("href", href(wo));
            if (select == null || select.equals("*")) {
                out.setAll(wo.deepCopy());
                return out;
            }
            for (String attribute : select.replaceAll("\\{[^}]*}", "").split(",")) {
                String name = attribute.strip();
                if (wo.has(name)) {
                    out.set(name, wo.get(name).deepCopy());
                }
            }
            return out;
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
