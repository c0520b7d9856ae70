package org.omotenashi.core.internal;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

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

    @Activate
    void activate(Config config) throws Exception {
        try {
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
    }
}
