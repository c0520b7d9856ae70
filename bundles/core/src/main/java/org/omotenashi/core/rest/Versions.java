package org.omotenashi.core.rest;

import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;

import org.omotenashi.core.problem.ProblemException;

/** Optimistic concurrency over HTTP: the row version is the ETag, If-Match must name the current one. */
public final class Versions {
    private Versions() {
    }

    public static EntityTag tag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** A read with its ETag, or 304 Not Modified when If-None-Match already names this version. */
    public static Response current(Request request, Object entity, long version) {
        EntityTag tag = tag(version);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        return (unchanged != null ? unchanged : Response.ok(entity)).tag(tag).build();
    }

    /**
     * The version an If-Match header asks for, or null when the header is absent ({@code *} too).
     * A header that names no version of ours can never match, so it is a 412, not a 400.
     */
    public static Long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ProblemException(412, "Precondition failed", "If-Match does not name a version of this resource.");
        }
    }
}
