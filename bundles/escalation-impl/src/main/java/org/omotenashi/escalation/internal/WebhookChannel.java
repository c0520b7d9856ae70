package org.omotenashi.escalation.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.omotenashi.core.webhook.WebhookSignature;
import org.omotenashi.escalation.api.Delivery;

/**
 * POSTs a webhook signed per Standard Webhooks. The {@code webhook-id} is the delivery's id on every
 * attempt, the timestamp and signature are fresh each time. Redirects are not followed: a receiver
 * cannot bounce the request to an address the target check would refuse.
 */
final class WebhookChannel implements DeliveryChannel {
    private final Clock clock;
    private final HttpClient client;
    private final Duration timeout;
    private final boolean allowLocal;

    WebhookChannel(Clock clock, Duration timeout, boolean allowLocal) {
        this.clock = clock;
        this.timeout = timeout;
        this.allowLocal = allowLocal;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Result send(Delivery delivery, String secret) {
        String problem = WebhookTargets.problemBeforeSending(delivery.target(), allowLocal);
        if (problem != null) {
            return Result.failed(null, "target " + problem);
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(delivery.target()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Omotenashi-Escalation")
                .header("webhook-id", delivery.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8));
        if (secret != null) {
            request.header("webhook-signature", WebhookSignature.sign(secret, delivery.id(), timestamp, delivery.payload()));
        }
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? Result.ok(status) : Result.failed(status, "HTTP " + status);
        } catch (IOException e) {
            return Result.failed(null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed(null, "interrupted");
        }
    }
}
