package org.omotenashi.connector.spi;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/**
 * The HTTP exchange every adapter has with its facility system, written once: a client that follows no
 * redirects, and every failure a {@link FacilitySystemException} that says whether trying again may help — the
 * system unreachable, a status other than 2xx with the system's own error message, a body that cannot be read.
 */
public final class FacilityHttp {
    private final String system;
    private final HttpClient client;
    private final Function<String, String> errorMessage;

    /** Parses a JSON body the system sent (e.g. {@code ObjectMapper::readTree}); a body it cannot read throws. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(String body) throws IOException;
    }

    /**
     * @param system       the system's name, as messages show it
     * @param errorMessage the system's own error message in a body it answered with, or null if there is none
     */
    public FacilityHttp(String system, Duration connectTimeout, Function<String, String> errorMessage) {
        this.system = system;
        this.errorMessage = errorMessage;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends; any status but 2xx (and those named as expected) is a {@link FacilitySystemException}. */
    public HttpResponse<String> send(HttpRequest request, String what, int... expected) throws FacilitySystemException {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw FacilitySystemException.unreachable(system + " (" + what + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FacilitySystemException("interrupted while waiting for " + system, null, true, e);
        }
        int status = response.statusCode();
        for (int ok : expected) {
            if (status == ok) {
                return response;
            }
        }
        if (status / 100 != 2) {
            throw FacilitySystemException.forStatus(system + " (" + what + ")", status, errorMessage.apply(response.body()));
        }
        return response;
    }

    /** The JSON body, parsed by {@code reader}; a body it cannot read is a lasting failure (trying again will not help). */
    public <T> T json(HttpResponse<String> response, String what, BodyReader<T> reader) throws FacilitySystemException {
        try {
            return reader.read(response.body());
        } catch (IOException e) {
            throw new FacilitySystemException(system + " answered " + what + " with something other than JSON",
                    response.statusCode(), false, e);
        }
    }

    /** A value for a URL's query, spaces as {@code %20} (both systems' query languages want them so). */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
