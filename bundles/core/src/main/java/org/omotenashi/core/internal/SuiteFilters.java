package org.omotenashi.core.internal;

import java.util.Hashtable;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.servlet.Filter;

import org.omotenashi.web.SuiteRequests;
import org.ops4j.pax.web.service.WebContainer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.HttpContext;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Puts the rules every request meets in front of every servlet the suite mounts (REST, SOAP, the survey
 * page): the body limit, then the cross-site guard. They are servlet filters in the core's own HTTP context,
 * so they apply to exactly the suite's addresses, before CXF or any endpoint has read anything. The rules
 * read the configuration for each request: a change applies to the next request without re-registering.
 */
@Component(immediate = true, configurationPid = "org.omotenashi.rest")
@Designate(ocd = SuiteFilters.Config.class)
public class SuiteFilters {

    @ObjectClassDefinition(name = "Omotenashi requests", description = "Limits and rules every request to the suite meets.")
    public @interface Config {
        @AttributeDefinition(description = "Largest request body accepted on any of the suite's addresses (REST, SOAP, "
                + "survey page), in bytes; larger ones get 413 (as a SOAP fault on SOAP addresses).")
        long maxBodyBytes() default 1_048_576;

        @AttributeDefinition(description = "Origins (scheme://host[:port]) besides the suite's own address whose pages "
                + "may change things, e.g. a portal that embeds the suite. Requests that change something and carry "
                + "any other Origin are refused with 403.")
        String[] allowedOrigins() default {};
    }

    /** Applies to everything below the context the suite's servlets share. */
    private static final String[] EVERY_SUITE_ADDRESS = {"/*"};

    @Reference
    private WebContainer web;

    private volatile long maxBodyBytes;
    private volatile Set<String> allowedOrigins = Set.of();
    private final Filter bodyLimit = new BodyLimit(() -> maxBodyBytes);
    private final Filter crossSite = new CrossSiteGuard(() -> allowedOrigins);
    private Bundle framework;

    @Activate
    void activate(BundleContext bundleContext, Config config) throws Exception {
        framework = bundleContext.getBundle(Constants.SYSTEM_BUNDLE_ID);
        configure(config);
        // The shared context the suite's servlets live in: the filters see only their requests.
        HttpContext context = web.createDefaultSharedHttpContext(SuiteRequests.HTTP_CONTEXT);
        try {
            register(bodyLimit, "omotenashi-body-limit", context);
            register(crossSite, "omotenashi-cross-site", context);
        } catch (Exception e) {
            deactivate();
            throw e;
        }
    }

    @Modified
    void configure(Config config) {
        maxBodyBytes = config.maxBodyBytes();
        allowedOrigins = Stream.of(config.allowedOrigins()).map(CrossSiteGuard::normalize)
                .filter(java.util.Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }

    private void register(Filter filter, String name, HttpContext context) throws Exception {
        Hashtable<String, String> init = new Hashtable<>();
        init.put("filter-name", name);
        web.registerFilter(filter, EVERY_SUITE_ADDRESS, null, init, context);
    }

    @Deactivate
    void deactivate() {
        if (framework != null && framework.getState() == Bundle.STOPPING) {
            // The whole process stops and the web server with it, after the core. Taking the filters down now
            // would leave the front door, which answers until the very end, behind a chain whose filters are
            // gone: the web server answers such requests with a 404 page of its own.
            return;
        }
        for (Filter filter : new Filter[] {crossSite, bodyLimit}) {
            try {
                web.unregisterFilter(filter);
            } catch (RuntimeException e) {
                // not registered (activation failed half-way): nothing to take down
            }
        }
    }
}
