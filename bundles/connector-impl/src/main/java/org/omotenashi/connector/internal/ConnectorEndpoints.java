package org.omotenashi.connector.internal;

import java.util.List;

import org.omotenashi.connector.api.Connector;
import org.omotenashi.core.endpoint.Publications;
import org.omotenashi.core.rest.RestPublisher;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Publishes {@code /api/v1/connectors} while the module is there. Instances come and go with their configuration
 * and their endpoints follow them without a republish: the resource looks the instance up on every request.
 */
@Component(immediate = true)
public class ConnectorEndpoints {
    static final String REST_ADDRESS = RestPublisher.API_BASE + "/connectors";

    @Reference
    private RestPublisher rest;
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<Connector> connectors;

    private Publications endpoints;

    @Activate
    void activate() {
        endpoints = Publications.open(() -> rest.publish(REST_ADDRESS, new ConnectorResource(() -> {
            List<Connector> now = connectors;
            return now == null ? List.of() : now;
        })));
    }

    @Deactivate
    void deactivate() {
        endpoints.close();
    }
}
