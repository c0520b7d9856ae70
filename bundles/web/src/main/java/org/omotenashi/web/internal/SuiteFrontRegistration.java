package org.omotenashi.web.internal;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.omotenashi.web.SuiteRequests;
import org.ops4j.pax.web.service.WebContainer;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Mounts {@link SuiteFront} at the suite's address prefixes as soon as the web server is there (this
 * bundle starts right after it, long before CXF and the core), so that no request ever meets the web
 * server's or CXF's own pages. The core's handler comes and goes on its own.
 */
@Component(immediate = true, configurationPid = "org.omotenashi.http")
@Designate(ocd = SuiteFrontRegistration.Config.class)
public class SuiteFrontRegistration {

    @ObjectClassDefinition(name = "Omotenashi HTTP", description = "Where the suite's endpoints are served.")
    public @interface Config {
        @AttributeDefinition(description = "Address prefixes served by the suite's servlet.")
        String[] aliases() default {"/api", "/soap", "/survey"};
    }

    @Reference
    private WebContainer http;

    private final List<String> registered = new ArrayList<>();
    private final List<SuiteFront> fronts = new ArrayList<>();
    private SuiteRequests handler;

    @Activate
    void activate(BundleContext context, Config config) throws Exception {
        try {
            for (String alias : config.aliases()) {
                SuiteFront front = new SuiteFront(context);
                Hashtable<String, String> init = new Hashtable<>();
                // The HTTP service wants a distinct name per servlet.
                init.put("servlet-name", "omotenashi" + alias.replace('/', '-'));
                init.put("hide-service-list-page", "true");
                init.put("disable-address-updates", "true");
                synchronized (this) {
                    if (handler != null) {
                        front.attach(handler);
                    }
                    fronts.add(front);
                }
                http.registerServlet(alias, front, init, http.createDefaultSharedHttpContext(SuiteRequests.HTTP_CONTEXT));
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
        synchronized (this) {
            fronts.forEach(SuiteFront::detach);
            fronts.clear();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindHandler(SuiteRequests requests) {
        handler = requests;
        fronts.forEach(f -> f.attach(requests));
    }

    synchronized void unbindHandler(SuiteRequests requests) {
        if (handler == requests) {
            handler = null;
            fronts.forEach(SuiteFront::detach);
        }
    }
}
