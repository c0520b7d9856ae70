package org.omotenashi.core.internal.soap;

import java.util.Map;

import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.transport.http.DestinationRegistry;
import org.omotenashi.core.endpoint.Publication;
import org.omotenashi.core.internal.cxf.ClientGone;
import org.omotenashi.core.internal.cxf.OwnClassLoader;
import org.omotenashi.core.internal.cxf.Unpublishing;
import org.omotenashi.core.security.Authenticator;
import org.omotenashi.core.soap.SoapPublisher;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Builds one CXF JAX-WS endpoint per published address, each with the same security chain. */
@Component(service = SoapPublisher.class)
public class CxfSoapPublisher implements SoapPublisher {

    @Reference
    private Authenticator authenticator;

    /** CXF's own registry of published addresses (the servlet transport registers it). */
    @Reference
    private DestinationRegistry destinations;

    @Override
    public Publication publish(String address, Object implementor) {
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(BusFactory.getDefaultBus());
        factory.setAddress(address);
        factory.setServiceClass(implementor.getClass());
        factory.setServiceBean(implementor);
        // Deny DTDs and external entities even if a global default were loosened.
        factory.setProperties(Map.of("org.apache.cxf.stax.allowInsecureParser", "false",
                "soap.no.validate.parts", "true",
                FaultListener.class.getName(), ClientGone.LISTENER));
        factory.getInInterceptors().add(new WsdlAccessInterceptor(authenticator));
        factory.getInInterceptors().add(new UsernameTokenInterceptor(authenticator));
        factory.getInInterceptors().add(new SoapServiceRoles(implementor.getClass()));
        factory.getInInterceptors().add(new SoapRoleInterceptor(implementor.getClass()));
        factory.getOutFaultInterceptors().add(new SoapProblems.FaultRewriter());
        Server server = OwnClassLoader.run(factory::create);
        return Unpublishing.of(server, destinations);
    }
}
