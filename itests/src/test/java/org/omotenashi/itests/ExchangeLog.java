package org.omotenashi.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes every exchange of {@link HttpCalls} to a file, one JSON line each, so that
 * {@code OpenApiContractCheck} can hold each one against the served OpenAPI document once the itests are done
 * (the tests run inside the container, where no validator is installed). Recording is off unless the build
 * names a folder ({@code omotenashi.itest.exchanges}).
 */
final class ExchangeLog {
    static final String FOLDER = "omotenashi.itest.exchanges";
    /** Bodies larger than this are recorded as truncated, and their contents are not checked. */
    static final int MAX_BODY_CHARS = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object WRITING = new Object();
    /** The status a poll waits for, while {@link HttpCalls#await} polls on this thread. */
    private static final ThreadLocal<Integer> AWAITING = new ThreadLocal<>();

    private ExchangeLog() {
    }

    /**
     * Marks the exchanges of a poll: those before the awaited answer came (a module still starting, the server
     * not up yet) are recorded as such, and the contract check leaves them out.
     */
    static <T> T whileAwaiting(int expectedStatus, java.util.function.Supplier<T> poll) {
        AWAITING.set(expectedStatus);
        try {
            return poll.get();
        } finally {
            AWAITING.remove();
        }
    }

    static void record(HttpRequest request, String requestBody, HttpResponse<String> response) {
        String folder = System.getProperty(FOLDER, "");
        if (folder.isBlank()) {
            return;
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("method", request.method());
        line.put("uri", request.uri().getRawPath() + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery()));
        line.set("requestHeaders", headers(request.headers().map()));
        body(line, "requestBody", requestBody);
        line.put("status", response.statusCode());
        line.set("responseHeaders", headers(response.headers().map()));
        body(line, "responseBody", response.body());
        line.put("test", testName());
        if (AWAITING.get() != null) {
            line.put("awaiting", AWAITING.get());
        }
        synchronized (WRITING) {
            try {
                Path dir = Files.createDirectories(Path.of(folder));
                Files.writeString(dir.resolve("exchanges-" + ProcessHandle.current().pid() + ".jsonl"),
                        JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record the exchange in " + folder, e);
            }
        }
    }

    private static ObjectNode headers(Map<String, List<String>> headers) {
        ObjectNode node = JSON.createObjectNode();
        headers.forEach((name, values) -> {
            if (!values.isEmpty() && !name.startsWith(":")) {
                node.put(name.toLowerCase(java.util.Locale.ROOT),
                        name.equalsIgnoreCase("Authorization") ? "Basic ***" : String.join(", ", values));
            }
        });
        return node;
    }

    private static void body(ObjectNode line, String field, String body) {
        if (body == null) {
            return;
        }
        if (body.length() > MAX_BODY_CHARS) {
            line.put(field + "Truncated", true);
        } else {
            line.put(field, body);
        }
    }

    /** Which test made the exchange, so a contract failure points at it. */
    private static String testName() {
        for (StackTraceElement e : Thread.currentThread().getStackTrace()) {
            if (e.getClassName().startsWith("org.omotenashi.itests.") && e.getClassName().endsWith("IT")) {
                return e.getClassName().substring("org.omotenashi.itests.".length()) + "." + e.getMethodName();
            }
        }
        return "?";
    }
}
