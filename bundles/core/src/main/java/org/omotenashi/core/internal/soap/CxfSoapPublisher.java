package org.omotenashi.core.internal.soap;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Builds one CXF JAX-WS endpoint per published address, each with the same security chain. */
@Component(service = SoapPublisher.class, configurationPid = "org.omotenashi.soap")
@Designate(ocd = CxfSoapPublisher.Config.class)
public class CxfSoapPublisher implements SoapPublisher {

    @ObjectClassDefinition(name = "Omotenashi SOAP", description = "How SOAP callers' UsernameTokens are checked.")
    public @interface Config {
        @AttributeDefinition(description = "ISO-8601 duration: a UsernameToken's Created time (and a Timestamp's) may be "
                + "this far from the server's clock either side, and its Nonce is remembered this long.")
        String freshness() default "PT5M";

        @AttributeDefinition(description = "Refuse UsernameTokens without a Nonce and a Created time (accepted by "
                + "default: common over TLS).")
        boolean requireNonceAndCreated() default false;

        @AttributeDefinition(description = "Which DataSource keeps the nonces seen (shared by machines that share it).")
        String dataSource_target() default "(dataSourceName=omotenashi)";
    }

    @Reference
    private Authenticator authenticator;

    /** CXF's own registry of published addresses (the servlet transport registers it). */
    @Reference
    private DestinationRegistry destinations;

    private volatile TokenFreshness.Rules rules = new TokenFreshness.Rules(Duration.ofMinutes(5), false);
    private volatile UsedNonces nonces;
    /** The machine's clock, not the suite's: a token's freshness is about real time on the wire. */
    private final TokenFreshness freshness = new TokenFreshness(() -> rules, () -> nonces, Clock.systemUTC());

    @Activate
    @Modified
    void configure(Config config) {
        rules = new TokenFreshness.Rules(Duration.parse(config.freshness()), config.requireNonceAndCreated());
    }

    /** Optional and dynamic: swapping the data source must not take every SOAP endpoint down with it. */
    @Reference(name = "dataSource", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDataSource(DataSource dataSource) {
        nonces = new UsedNonces(dataSource, Clock.systemUTC());
    }

    void unbindDataSource(DataSource dataSource) {
        nonces = null;
    }

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
        factory.getInInterceptors().add(new UsernameTokenInterceptor(authenticator, freshness));
        factory.getInInterceptors().add(new SoapServiceRoles(implementor.getClass()));
        factory.getInInterceptors().add(new SoapRoleInterceptor(implementor.getClass()));
        factory.getOutFaultInterceptors().add(new SoapProblems.FaultRewriter());
        Server server = OwnClassLoader.run(factory::create);
        WsdlPolicy.attach(server);
        return Unpublishing.of(server, destinations);
    }
}
