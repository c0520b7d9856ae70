package org.omotenashi.core.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import javax.ws.rs.core.Response;

/**
 * {@code Location} of something just created, as a path on this server ({@code /api/v1/promises/…}).
 * It is never built from the request's {@code Host} header, which the caller chooses: a client resolves
 * the path against the address it called, whichever name or proxy it used.
 */
public final class Locations {
    private Locations() {
    }

    /** A 201 whose Location is {@code address/id}, e.g. {@code created(RestPublisher.API_BASE + "/promises", id)}. */
    public static Response.ResponseBuilder created(String address, String id) {
        String segment = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        return Response.status(Response.Status.CREATED).header("Location", address + "/" + segment);
    }
}
