package org.omotenashi.core.rest;

import org.omotenashi.core.endpoint.Publication;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Publishes JAX-RS resources with the suite's JSON, problem+json errors, body limit and role checks.
 * Each module publishes its own address, so its endpoints come and go with it.
 */
@ProviderType
public interface RestPublisher {
    /** Base of every REST address. */
    String API_BASE = "/api/v1";

    /**
     * @param address   the path below the servlet root, e.g. {@code /api/v1/promises}
     * @param resources JAX-RS resource instances, their methods annotated with {@code @Allow}
     */
    Publication publish(String address, Object... resources);
}
