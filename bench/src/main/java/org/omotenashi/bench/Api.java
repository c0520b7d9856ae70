package org.omotenashi.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The REST API of a running assembly, as one user sees it. All users share one pool of kept-alive
 * connections, so the client spends as little of the machine's CPU as it can: it runs beside the server.
 */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final CloseableHttpClient CLIENT = client();

    /** What the server answered. */
    record Reply(int statusCode, String body) {
    }

    private final String base;
    private final String authorization;

    Api(String base, String user, String password) {
        this.base = base;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static CloseableHttpClient client() {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(256).setMaxConnPerRoute(256)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(5)).setSocketTimeout(Timeout.ofSeconds(60)).build())
                .build();
        return HttpClients.custom().setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(60, TimeUnit.SECONDS).build())
                .disableCookieManagement().disableAutomaticRetries().disableRedirectHandling().build();
    }

    /** The same server as somebody else; null user for a guest without a login. */
    Api as(String user, String password) {
        return new Api(base, user, password);
    }

    Reply get(String path) throws IOException {
        return send(new HttpGet(base + path));
    }

    Reply post(String path, String json) throws IOException {
        HttpPost post = new HttpPost(base + path);
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        return send(post);
    }

    /** A JSON POST with extra headers, given as name, value pairs. */
    Reply post(String path, String json, String... headers) throws IOException {
        HttpPost post = new HttpPost(base + path);
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            post.setHeader(headers[i], headers[i + 1]);
        }
        return send(post);
    }

    Reply delete(String path) throws IOException {
        return send(new HttpDelete(base + path));
    }

    JsonNode getJson(String path) throws IOException {
        Reply response = get(path);
        if (response.statusCode() >= 300) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    JsonNode postJson(String path, String json) throws IOException {
        Reply response = post(path, json);
        if (response.statusCode() >= 300) {
            throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private Reply send(ClassicHttpRequest request) throws IOException {
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        return CLIENT.execute(request, response -> new Reply(response.getCode(),
                response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
    }
}
