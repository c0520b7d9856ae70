package org.omotenashi.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A TOPdesk that holds many incidents and serves the part of its incidents API the connector uses (the list
 * filtered by modificationDate with page_size/start and 206 while more follow, one incident by id, the action
 * PUT), generated on the fly so a bench can serve 100,000 changed incidents without a stub server of its own.
 * The integration tests use a WireMock stub that follows the documentation more closely.
 */
final class TopdeskLoadStub implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
            .withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "topdesk-load-stub");
        t.setDaemon(true);
        return t;
    });
    private final String run;
    private final long[] modified;
    private final long[] target;
    /** modificationDate (ms, unique) → incident number; what the list pages through. */
    private final NavigableMap<Long, Integer> byChange = new TreeMap<>();
    private long lastChange;
    final AtomicInteger actionsWritten = new AtomicInteger();

    TopdeskLoadStub(int incidents, String run) throws IOException {
        this.run = run;
        modified = new long[incidents];
        target = new long[incidents];
        long now = System.currentTimeMillis();
        lastChange = now - incidents;
        for (int i = 0; i < incidents; i++) {
            modified[i] = ++lastChange;
            target[i] = now + 30L * 24 * 3600 * 1000 + i * 1000L;
            byChange.put(modified[i], i);
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/tas/api/incidents", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String id(int i) {
        return run + "-" + i;
    }

    /** An operator moves incident {@code i}'s target date by a day: a change the webhook then announces. */
    synchronized void moveTargetDate(int i) {
        byChange.remove(modified[i]);
        modified[i] = ++lastChange;
        target[i] += 24L * 3600 * 1000;
        byChange.put(modified[i], i);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("PUT")) {
                exchange.getRequestBody().readAllBytes();
                actionsWritten.incrementAndGet();
                reply(exchange, 200, "{}");
            } else if (path.equals("/tas/api/incidents")) {
                list(exchange, query(exchange.getRequestURI().getRawQuery()));
            } else if (path.startsWith("/tas/api/incidents/id/")) {
                String id = path.substring("/tas/api/incidents/id/".length()).split("/")[0];
                int i = id.startsWith(run + "-") ? Integer.parseInt(id.substring(run.length() + 1)) : -1;
                if (i < 0 || i >= modified.length) {
                    reply(exchange, 404, "[{\"message\":\"No incident with id " + id + "\"}]");
                } else if (path.endsWith("/actions")) {
                    reply(exchange, 204, null);
                } else {
                    synchronized (this) {
                        reply(exchange, 200, incident(i));
                    }
                }
            } else {
                reply(exchange, 404, "[{\"message\":\"Not found\"}]");
            }
        } catch (RuntimeException e) {
            reply(exchange, 400, "[{\"message\":\"" + e.getMessage() + "\"}]");
        }
    }

    private void list(HttpExchange exchange, Map<String, String> query) throws IOException {
        String filter = query.getOrDefault("query", "modificationDate=ge=1970-01-01T00:00:00Z");
        long from = Instant.parse(filter.split(";")[0].substring("modificationDate=ge=".length())).toEpochMilli();
        int size = Integer.parseInt(query.getOrDefault("page_size", "10"));
        int start = Integer.parseInt(query.getOrDefault("start", "0"));
        StringBuilder page = new StringBuilder("[");
        boolean more;
        synchronized (this) {
            var matching = byChange.tailMap(from, true).values().iterator();
            for (int skip = 0; skip < start && matching.hasNext(); skip++) {
                matching.next();
            }
            int n = 0;
            while (n < size && matching.hasNext()) {
                page.append(n++ == 0 ? "" : ",").append(incident(matching.next()));
            }
            more = matching.hasNext();
            if (n == 0) {
                reply(exchange, 204, null);
                return;
            }
        }
        reply(exchange, more ? 206 : 200, page.append(']').toString());
    }

    private String incident(int i) {
        return "{\"id\":\"" + id(i) + "\",\"number\":\"I " + i + "\",\"externalNumber\":\"\",\"briefDescription\":\"Bench incident " + i
                + "\",\"request\":\"Generated by the bench\",\"callerBranch\":{\"id\":\"b-" + (i % 500) + "\",\"name\":\"Branch "
                + (i % 500) + "\"},\"operatorGroup\":{\"id\":\"g-fm\",\"name\":\"Facilitair beheer\"},\"targetDate\":\""
                + TIME.format(Instant.ofEpochMilli(target[i])) + "\",\"onHold\":false,\"processingStatus\":{\"id\":\"s-1\","
                + "\"name\":\"Aangemeld\"},\"completed\":false,\"closed\":false,\"creationDate\":\""
                + TIME.format(Instant.ofEpochMilli(modified[i] - 60_000)) + "\",\"modificationDate\":\""
                + TIME.format(Instant.ofEpochMilli(modified[i])) + "\"}";
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
