package org.omotenashi.itests;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.Test;

/**
 * The contract holds: every exchange the itests recorded (see {@link ExchangeLog}) is held against the
 * OpenAPI document the suite served during the same run. Every answer must be one the document describes,
 * status, headers and body; every request the server accepted (any status below 400) must be one the
 * document allows, so the server takes nothing undocumented. A request the server refused is the test's
 * own doing (a hostile input): only the refusal must be documented. And every operation of the served
 * document must be complete enough to generate a client from.
 *
 * Runs after all itest classes (a failsafe execution of its own, see the pom).
 */
public class OpenApiContractCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/v1";
    private static final int SHOW_AT_MOST = Integer.getInteger("omotenashi.contract.show", 40);

    @Test
    public void everyRecordedExchangeMatchesTheServedDocument() throws Exception {
        List<JsonNode> exchanges = recorded();
        // Only itest classes that made no exchange ran (-Dit.test): there is nothing to hold against a document.
        org.junit.Assume.assumeFalse("no exchanges were recorded in " + folder(), exchanges.isEmpty());
        ObjectNode document = servedDocument(exchanges);
        OpenApiInteractionValidator validator = OpenApiInteractionValidator
                .createForInlineApiSpecification(JSON.writeValueAsString(document))
                .withBasePathOverride(API)
                .build();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        int polls = 0;
        for (JsonNode exchange : exchanges) {
            String uri = exchange.path("uri").asText();
            if (!uri.startsWith(API + "/") || exchange.has("responseBodyTruncated")) {
                continue;
            }
            if (exchange.has("awaiting") && exchange.path("awaiting").asInt() != exchange.path("status").asInt()) {
                // A poll for a server or module that was not up yet: not an answer of the contract.
                polls++;
                continue;
            }
            checked++;
            SimpleRequest request = request(exchange);
            ValidationReport report = validator.validateResponse(request.getPath(), request.getMethod(), response(exchange));
            if (exchange.path("status").asInt() < 400 && !exchange.has("requestBodyTruncated")) {
                report = report.merge(validator.validateRequest(request));
            }
            if (report.getMessages().stream().anyMatch(m -> m.getLevel() == ValidationReport.Level.ERROR
                    && !isEnumInAnotherCase(m)) && !isAnAbsentModulesAddress(exchange, report)) {
                failures.add(describe(exchange, report));
            }
        }
        System.out.printf("contract: %d exchanges under %s checked against %d documented paths, %d failed"
                + " (%d polls before the server or module was up left out)%n",
                checked, API, document.path("paths").size(), failures.size(), polls);
        assertTrue(failures.size() + " of " + checked + " exchanges do not match the served OpenAPI document:\n"
                + String.join("\n", failures.subList(0, Math.min(SHOW_AT_MOST, failures.size()))), failures.isEmpty());
    }

    @Test
    public void everyServedOperationCanBeGeneratedFrom() throws Exception {
        List<JsonNode> exchanges = recorded();
        org.junit.Assume.assumeFalse("no exchanges were recorded in " + folder(), exchanges.isEmpty());
        ObjectNode document = servedDocument(exchanges);
        List<String> gaps = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!Set.of("get", "put", "post", "delete", "patch").contains(op.getKey())) {
                    continue;
                }
                String name = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                JsonNode operation = op.getValue();
                String id = operation.path("operationId").asText("");
                if (id.isEmpty() || !ids.add(id)) {
                    gaps.add(name + ": operationId missing or not unique");
                }
                JsonNode responses = operation.path("responses");
                boolean isPublic = operation.has("security") && operation.path("security").isEmpty();
                List<String> always = new ArrayList<>(List.of("404", "503"));
                if (!isPublic) {
                    always.addAll(List.of("401", "403"));
                }
                if (operation.has("requestBody")) {
                    always.addAll(List.of("400", "413", "415"));
                }
                for (String status : always) {
                    if (!responses.has(status)) {
                        gaps.add(name + ": no " + status + " response");
                    }
                }
                boolean success = false;
                for (Iterator<Map.Entry<String, JsonNode>> rs = responses.fields(); rs.hasNext(); ) {
                    Map.Entry<String, JsonNode> r = rs.next();
                    if (r.getKey().startsWith("2")) {
                        success = true;
                        JsonNode response = resolve(document, r.getValue());
                        if (!r.getKey().equals("204") && !response.path("content").fields().hasNext()) {
                            gaps.add(name + ": " + r.getKey() + " declares no body");
                        }
                        response.path("content").fields().forEachRemaining(c -> {
                            if (!c.getValue().has("schema")) {
                                gaps.add(name + ": " + r.getKey() + " " + c.getKey() + " has no schema");
                            }
                        });
                    }
                }
                if (!success) {
                    gaps.add(name + ": no success response");
                }
                if (operation.has("requestBody")) {
                    resolve(document, operation.path("requestBody")).path("content").fields().forEachRemaining(c -> {
                        if (!c.getValue().has("schema")) {
                            gaps.add(name + ": request " + c.getKey() + " has no schema");
                        }
                    });
                }
            }
        }
        assertTrue(gaps.size() + " gaps in the served document:\n" + String.join("\n", gaps), gaps.isEmpty());
    }

    /**
     * The served document is the core's part and every module's fragment merged: two fragments naming a component
     * alike would silently replace one another's, so each name belongs to one fragment.
     */
    @Test
    public void noTwoModuleFragmentsNameTheSameComponent() throws Exception {
        Map<String, String> owners = new LinkedHashMap<>();
        List<String> clashes = new ArrayList<>();
        try (Stream<Path> bundles = Files.list(Path.of("..", "bundles"))) {
            for (Path bundle : bundles.sorted().toList()) {
                Path folder = bundle.resolve("src/main/resources/openapi");
                if (!Files.isDirectory(folder)) {
                    continue;
                }
                try (Stream<Path> fragments = Files.list(folder)) {
                    for (Path fragment : fragments.filter(f -> f.toString().endsWith(".json")).toList()) {
                        JSON.readTree(fragment.toFile()).path("components").fields().forEachRemaining(kind ->
                                kind.getValue().fieldNames().forEachRemaining(name -> {
                                    String previous = owners.put(kind.getKey() + "/" + name, fragment.toString());
                                    if (previous != null) {
                                        clashes.add(kind.getKey() + "/" + name + ": " + previous + " and " + fragment);
                                    }
                                }));
                    }
                }
            }
        }
        assertTrue("components named in two fragments:\n" + String.join("\n", clashes), clashes.isEmpty());
    }

    // ---- reading what was recorded

    private static Path folder() {
        String folder = System.getProperty(ExchangeLog.FOLDER, "");
        if (!folder.isBlank()) {
            return Path.of(folder);
        }
        // Run by hand: the newest run's exchanges.
        try (Stream<Path> runs = Files.list(Path.of("target/exchanges"))) {
            return runs.filter(Files::isDirectory).max(java.util.Comparator.naturalOrder()).orElse(Path.of("target/exchanges"));
        } catch (IOException e) {
            return Path.of("target/exchanges");
        }
    }

    private static List<JsonNode> recorded() throws IOException {
        List<JsonNode> exchanges = new ArrayList<>();
        if (!Files.isDirectory(folder())) {
            return exchanges;
        }
        try (Stream<Path> files = Files.list(folder())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        exchanges.add(JSON.readTree(line));
                    }
                }
            }
        }
        return exchanges;
    }

    /**
     * The documents the containers served, taken together: each container serves the modules it has, and
     * every exchange is checked against the same description of its operation.
     */
    private static ObjectNode servedDocument(List<JsonNode> exchanges) throws IOException {
        // While writing a document: check the exchanges of the last run against it, without running them again.
        String draft = System.getProperty("omotenashi.contract.document", "");
        if (!draft.isBlank()) {
            return (ObjectNode) JSON.readTree(Path.of(draft).toFile());
        }
        ObjectNode union = null;
        for (JsonNode exchange : exchanges) {
            if (exchange.path("uri").asText().equals(API + "/openapi.json") && exchange.path("status").asInt() == 200
                    && exchange.has("responseBody")) {
                ObjectNode served = (ObjectNode) JSON.readTree(exchange.path("responseBody").asText());
                if (union == null) {
                    union = served;
                } else {
                    for (String section : List.of("paths")) {
                        union.with(section).setAll((ObjectNode) served.path(section));
                    }
                    ObjectNode components = union.with("components");
                    served.path("components").fields().forEachRemaining(kind ->
                            components.with(kind.getKey()).setAll((ObjectNode) kind.getValue()));
                }
            }
        }
        assertTrue("no served OpenAPI document was recorded in " + folder(), union != null);
        return union;
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : node;
    }

    private static SimpleRequest request(JsonNode exchange) {
        String uri = exchange.path("uri").asText();
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        SimpleRequest.Builder request = new SimpleRequest.Builder(exchange.path("method").asText(),
                URLDecoder.decode(path, StandardCharsets.UTF_8));
        if (uri.contains("?")) {
            Map<String, List<String>> query = new LinkedHashMap<>();
            for (String pair : uri.substring(uri.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                query.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            query.forEach(request::withQueryParam);
        }
        exchange.path("requestHeaders").fields().forEachRemaining(h -> request.withHeader(h.getKey(), h.getValue().asText()));
        if (exchange.has("requestBody")) {
            request.withBody(exchange.path("requestBody").asText());
        }
        return request.build();
    }

    private static SimpleResponse response(JsonNode exchange) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.path("status").asInt());
        exchange.path("responseHeaders").fields().forEachRemaining(h -> response.withHeader(h.getKey(), h.getValue().asText()));
        String body = exchange.path("responseBody").asText("");
        if (!body.isEmpty()) {
            response.withBody(body);
        }
        return response.build();
    }

    private static final java.util.regex.Pattern ENUM_MISMATCH = java.util.regex.Pattern.compile(
            "(?s).*value \\(\"(.*?)\"\\) not found in enum \\(possible values: \\[(.*?)\\]\\).*"
            + "|(?s)Value '(.*?)' for parameter '.*?' is not allowed\\. Allowed values are \\[(.*?)\\].*");

    /**
     * The documents say enumerated values are accepted in any letter case (and answered as documented); a
     * schema's enum can only list one spelling, so a request that differs from it only in case is not a breach.
     */
    static boolean isEnumInAnotherCase(ValidationReport.Message message) {
        if (message.getLevel() != ValidationReport.Level.ERROR) {
            return false;
        }
        java.util.regex.Matcher m = ENUM_MISMATCH.matcher(message.getMessage());
        if (!m.matches()) {
            return false;
        }
        String given = m.group(1) != null ? m.group(1) : m.group(3);
        String values = m.group(2) != null ? m.group(2) : m.group(4);
        for (String allowed : values.split(",")) {
            if (allowed.strip().replace("\"", "").equalsIgnoreCase(given)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A module that is not installed is not in the document the suite serves, and its addresses answer the suite's
     * own 404 problem ("There is nothing at this address"): when the itests that ran saw no document with that
     * module (e.g. {@code ModulesAloneIT} alone), such an answer is still the one the suite promises.
     */
    static boolean isAnAbsentModulesAddress(JsonNode exchange, ValidationReport report) {
        if (exchange.path("status").asInt() != 404) {
            return false;
        }
        String contentType = "";
        for (Iterator<Map.Entry<String, JsonNode>> headers = exchange.path("responseHeaders").fields(); headers.hasNext(); ) {
            Map.Entry<String, JsonNode> header = headers.next();
            if (header.getKey().equalsIgnoreCase("Content-Type")) {
                contentType = header.getValue().asText();
            }
        }
        return contentType.startsWith("application/problem+json")
                && exchange.path("responseBody").asText("").contains("\"status\":404")
                && report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                        .allMatch(m -> m.getKey().equals("validation.request.path.missing"));
    }

    private static String describe(JsonNode exchange, ValidationReport report) {
        StringBuilder text = new StringBuilder("- ").append(exchange.path("method").asText()).append(' ')
                .append(exchange.path("uri").asText()).append(" -> ").append(exchange.path("status").asInt())
                .append(" (").append(exchange.path("test").asText()).append(")");
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR && !isEnumInAnotherCase(m)) {
                text.append("\n    ").append(m.getKey()).append(": ").append(m.getMessage().replace("\n", " "));
            }
        }
        return text.toString();
    }

    static Request.Method method(String name) {
        return Request.Method.valueOf(name.toUpperCase(Locale.ROOT));
    }
}
