package org.omotenashi.core.internal;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.transport.http.DestinationRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.HttpService;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Mounts {@link SuiteServlet} at the suite's address prefixes; the HTTP service routes them to it. */
@Component(immediate = true, configurationPid = "org.omotenashi.http")
@Designate(ocd = SuiteServletRegistration.Config.class)
public class SuiteServletRegistration {

    @ObjectClassDefinition(name = "Omotenashi HTTP", description = "Where the suite's endpoints are served.")
    public @interface Config {
        @AttributeDefinition(description = "Address prefixes served by the suite's servlet.")
        String[] aliases() default {"/api", "/soap", "/survey"};
    }

    @Reference
    private HttpService http;

    /** CXF's registry of endpoint addresses, shared with CXF's own servlet at the root. */
    @Reference
    private DestinationRegistry destinations;

    private final List<String> registered = new ArrayList<>();
    private ClassLoader busLoader;

    @Activate
    void activate(Config config) throws Exception {
        try {
            giveBusAClassLoader();
            for (String alias : config.aliases()) {
                Hashtable<String, String> init = new Hashtable<>();
                // The HTTP service wants a distinct name per servlet.
                init.put("servlet-name", "omotenashi" + alias.replace('/', '-'));
                init.put("hide-service-list-page", "true");
                init.put("disable-address-updates", "true");
                http.registerServlet(alias, new SuiteServlet(destinations), init, http.createDefaultHttpContext());
                registered.add(alias);
            }
        } catch (Exception e) {
            deactivate();
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        registered.forEach(http::unregister);
        registered.clear();
        takeBackClassLoader();
    }

    /**
     * A bus without a class loader makes CXF's servlet look one up for every request, through a resolver
     * that searches the JVM's boot class path: a walk through jar files, under a lock, per call. It was the
     * biggest point of contention in a profile of reads. CXF's own bundle's loader is what the bus uses anyway.
     */
    private void giveBusAClassLoader() {
        Bus bus = BusFactory.getDefaultBus();
        if (bus.getExtension(ClassLoader.class) == null) {
            busLoader = Bus.class.getClassLoader();
            bus.setExtension(busLoader, ClassLoader.class);
        }
    }

    private void takeBackClassLoader() {
        Bus bus = BusFactory.getDefaultBus(false);
        if (busLoader != null && bus != null && bus.getExtension(ClassLoader.class) == busLoader) {
            bus.setExtension(null, ClassLoader.class);
        }
        busLoader = null;
    }
}
