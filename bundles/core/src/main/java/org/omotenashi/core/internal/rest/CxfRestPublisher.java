package org.omotenashi.core.internal.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;
import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.transport.http.DestinationRegistry;
import org.omotenashi.core.endpoint.Publication;
import org.omotenashi.core.internal.cxf.ClientGone;
import org.omotenashi.core.internal.cxf.OwnClassLoader;
import org.omotenashi.core.internal.cxf.Unpublishing;
import org.omotenashi.core.json.Json;
import org.omotenashi.core.rest.RestPublisher;
import org.omotenashi.core.security.Authenticator;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Builds one CXF JAX-RS server per published address, all with the same providers. */
@Component(service = RestPublisher.class)
public class CxfRestPublisher implements RestPublisher {

    @Reference
    private Authenticator authenticator;

    /** CXF's own registry of published addresses (the servlet transport registers it). */
    @Reference
    private DestinationRegistry destinations;

    @Override
    public Publication publish(String address, Object... resources) {
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(BusFactory.getDefaultBus());
        factory.setAddress(address);
        List<Class<?>> classes = new ArrayList<>();
        for (Object resource : resources) {
            classes.add(resource.getClass());
            factory.setResourceProvider(resource.getClass(), new SingletonResourceProvider(resource));
        }
        factory.setResourceClasses(classes);
        factory.setProperties(Map.of(FaultListener.class.getName(), ClientGone.LISTENER));
        factory.setProviders(List.of(
                new JacksonJsonProvider(Json.mapper()),
                new AcceptProblems(),
                new AccessFilter(authenticator),
                new ProblemMapper()));
        Server server = OwnClassLoader.run(factory::create);
        return Unpublishing.of(server, destinations);
    }
}
