package org.omotenashi.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Iterator;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.omotenashi.core.json.Json;
import org.omotenashi.core.security.Allow;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAPI 3 document of what is deployed right now: the core's own part plus the fragment of
 * every active module bundle, so a module that is removed disappears from the document too.
 */
@Path("/openapi.json")
@Allow(Allow.AUTHENTICATED)
public class OpenApiResource {
    private static final Logger LOG = LoggerFactory.getLogger(OpenApiResource.class);
    private final BundleContext context;

    OpenApiResource(BundleContext context) {
        this.context = context;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonNode document() throws IOException {
        ObjectNode document = (ObjectNode) read(context.getBundle().getEntry("openapi/core.json"));
        for (Bundle bundle : ModuleBundles.all(context)) {
            String fragment = bundle.getHeaders("").get(ModuleBundles.OPENAPI_HEADER);
            if (bundle.getState() == Bundle.ACTIVE && fragment != null) {
                merge(document, bundle, fragment);
            }
        }
        return document;
    }

    private static void merge(ObjectNode document, Bundle bundle, String fragment) {
        try {
            JsonNode part = read(bundle.getEntry(fragment));
            copyFields(part.path("paths"), document.with("paths"));
            // Every kind of component a fragment brings: schemas, responses, parameters, headers, examples.
            for (Iterator<Map.Entry<String, JsonNode>> kinds = part.path("components").fields(); kinds.hasNext(); ) {
                Map.Entry<String, JsonNode> kind = kinds.next();
                copyFields(kind.getValue(), document.with("components").with(kind.getKey()));
            }
            copyTags(part.path("tags"), document.withArray("tags"));
        } catch (IOException | RuntimeException e) {
            LOG.warn("OpenAPI fragment {} of {} is unreadable", fragment, bundle.getSymbolicName(), e);
        }
    }

    private static void copyTags(JsonNode from, com.fasterxml.jackson.databind.node.ArrayNode to) {
        for (JsonNode tag : from) {
            to.add(tag);
        }
    }

    private static void copyFields(JsonNode from, ObjectNode to) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            to.set(field.getKey(), field.getValue());
        }
    }

    private static JsonNode read(URL entry) throws IOException {
        if (entry == null) {
            throw new IOException("missing OpenAPI resource");
        }
        try (InputStream in = entry.openStream()) {
            return Json.mapper().readTree(in);
        }
    }
}
