package org.omotenashi.web.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.omotenashi.web.SuiteRequests;
import org.ops4j.pax.web.service.WebContainer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
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
 * server's or CXF's own pages. The core's handler comes and goes on its own. When the web server itself stops,
 * {@link WebServerShutdown} closes its port before its runtime takes these servlets down.
 */
@Component(immediate = true, configurationPid = "org.omotenashi.http")
@Designate(ocd = SuiteFrontRegistration.Config.class)
public class SuiteFrontRegistration {

    @ObjectClassDefinition(name = "Omotenashi HTTP", description = "Where the suite's endpoints are served.")
    public @interface Config {
        @AttributeDefinition(description = "Address prefixes served by the suite's servlet.")
        String[] aliases() default {"/api", "/soap", "/survey"};

        @AttributeDefinition(description = "When the port closes at a stop, how long (milliseconds) requests the web"
                + " server is already handling may take to finish before their connections are closed.")
        long stopGraceMillis() default 5000;
    }

    /** The Jetty integration's factory, known by name only: its package is the web server's internal one. */
    private static final String SERVER_FACTORY = "org.ops4j.pax.web.service.spi.ServerControllerFactory";

    @Reference
    private WebContainer http;

    private final List<String> registered = new ArrayList<>();
    private final List<SuiteFront> fronts = new ArrayList<>();
    private SuiteRequests handler;
    private BundleContext context;
    private volatile WebServerShutdown shutdown;
    private ServiceRegistration<HttpConfiguration.Customizer> customizer;

    @Activate
    void activate(BundleContext context, Config config) throws Exception {
        this.context = context;
        try {
            shutdown = new WebServerShutdown(context.getBundle(Constants.SYSTEM_BUNDLE_ID),
                    webServerBundles(context), config.stopGraceMillis());
            context.addBundleListener(shutdown);
            customizer = context.registerService(HttpConfiguration.Customizer.class, shutdown, null);
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
        if (customizer != null) {
            customizer.unregister();
            customizer = null;
        }
        if (shutdown != null) {
            context.removeBundleListener(shutdown);
            shutdown = null;
        }
    }

    /** The bundles whose stop ends the web server: its runtime (which serves us), its Jetty integration, Jetty. */
    private static Set<Bundle> webServerBundles(BundleContext context) throws InvalidSyntaxException {
        Set<Bundle> bundles = new HashSet<>();
        for (ServiceReference<WebContainer> runtime : context.getServiceReferences(WebContainer.class, null)) {
            bundles.add(runtime.getBundle());
        }
        ServiceReference<?>[] factories = context.getAllServiceReferences(SERVER_FACTORY, null);
        for (ServiceReference<?> factory : factories == null ? new ServiceReference<?>[0] : factories) {
            bundles.add(factory.getBundle());
        }
        bundles.add(FrameworkUtil.getBundle(Server.class));
        bundles.remove(null);
        return bundles;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindHandler(SuiteRequests requests) {
        handler = requests;
        fronts.forEach(f -> f.attach(requests));
    }

    void unbindHandler(SuiteRequests requests) {
        WebServerShutdown closing;
        synchronized (this) {
            if (handler != requests) {
                return;
            }
            handler = null;
            fronts.forEach(SuiteFront::detach);
            closing = shutdown;
        }
        if (closing != null) {
            closing.suiteGone();
        }
    }
}
