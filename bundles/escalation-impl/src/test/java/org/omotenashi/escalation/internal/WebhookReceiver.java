package org.omotenashi.escalation.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.omotenashi.core.webhook.WebhookSignature;

/** A real HTTP receiver on loopback that checks each signature and can be switched down and up. */
class WebhookReceiver implements AutoCloseable {
    /** One request as received, with whether its signature verified. */
    record Received(String id, long timestamp, String body, boolean signatureValid, int answeredWith) {
    }

    private final HttpServer server;
    private final String secret;
    final List<Received> received = new ArrayList<>();
    volatile boolean up = true;

    WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            long timestamp = Long.parseLong(exchange.getRequestHeaders().getFirst("webhook-timestamp"));
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            boolean valid = WebhookSignature.sign(secret, id, timestamp, body).equals(signature);
            int status = up ? 204 : 503;
            synchronized (received) {
                received.add(new Received(id, timestamp, body, valid, status));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Received> accepted() {
        synchronized (received) {
            return received.stream().filter(r -> r.answeredWith() < 300).toList();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
