package org.omotenashi.core.internal;

import org.apache.cxf.transport.http.DestinationRegistry;
import org.omotenashi.core.endpoint.Publication;
import org.omotenashi.core.rest.RestPublisher;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Publishes the core's own endpoints: health and the OpenAPI document. */
@Component(immediate = true)
public class CoreEndpoints {
    @Reference
    private RestPublisher publisher;

    /** CXF's registry of published addresses: health asks it which module addresses are served. */
    @Reference
    private DestinationRegistry destinations;

    private Publication publication;

    @Activate
    void activate(BundleContext context) {
        SuiteHealth health = new SuiteHealth(context, () -> destinations, new DatabaseProbe());
        publication = publisher.publish(RestPublisher.API_BASE, new HealthResource(health), new OpenApiResource(context));
    }

    @Deactivate
    void deactivate() {
        publication.close();
    }
}
