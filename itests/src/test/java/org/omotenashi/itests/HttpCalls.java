package org.omotenashi.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Predicate;

/** HTTP exchanges with one running assembly, shared by the in-container tests and the process-level ones. */
final class HttpCalls {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Duration requestTimeout;

    HttpCalls(String baseUrl) {
        this(baseUrl, REQUEST_TIMEOUT);
    }

    /** With a longer bound per request, for reports over a long history. */
    HttpCalls(String baseUrl, Duration requestTimeout) {
        this.baseUrl = baseUrl;
        this.requestTimeout = requestTimeout;
    }

    /**
     * One HTTP exchange; user null sends no credentials; headers are name, value pairs. The body is
     * sent as JSON, and JSON is asked for, unless Content-Type or Accept headers say otherwise. A POST, PUT
     * or PATCH says it is JSON even without a body, as the suite requires of every change; a Content-Type
     * header with an empty value sends none at all.
     */
    HttpResponse<String> send(String method, String path, String user, String password, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        boolean typed = false;
        boolean accepting = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            boolean contentType = headers[i].equalsIgnoreCase("Content-Type");
            if (!(contentType && headers[i + 1].isEmpty())) {
                request.header(headers[i], headers[i + 1]);
            }
            typed |= contentType;
            accepting |= headers[i].equalsIgnoreCase("Accept");
        }
        boolean change = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        if ((body != null || change) && !typed) {
            request.header("Content-Type", "application/json");
        }
        if (!accepting && !method.equals("DELETE")) {
            request.header("Accept", "application/json");
        }
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + token);
        }
        try {
            HttpRequest built = request.build();
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            ExchangeLog.record(built, body, response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    /**
     * Polls GET path (with these headers) until it answers {@code expectedStatus} with a body that
     * {@code ready} accepts; fails with the last answer after the timeout.
     */
    HttpResponse<String> await(String path, String user, String password, int expectedStatus, Duration timeout,
                               Predicate<String> ready, String... headers) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = ExchangeLog.whileAwaiting(expectedStatus,
                        () -> send("GET", path, user, password, null, headers));
                if (response.statusCode() == expectedStatus && ready.test(response.body())) {
                    return response;
                }
                last = "status " + response.statusCode() + ": " + response.body();
            } catch (UncheckedIOException e) {
                last = e.getCause().toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("GET " + path + " as " + user + " did not answer " + expectedStatus
                + " within " + timeout + "; last: " + last);
    }
}
