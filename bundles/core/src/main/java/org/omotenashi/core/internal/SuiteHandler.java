package org.omotenashi.core.internal;

import javax.servlet.Servlet;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.transport.http.DestinationRegistry;
import org.omotenashi.web.SuiteRequests;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The suite's request handling behind the front door: a CXF servlet per address prefix over CXF's registry
 * of endpoints, with the suite's own answers where CXF has none, and readiness.
 */
@Component(service = SuiteRequests.class)
public class SuiteHandler implements SuiteRequests {

    /** CXF's registry of endpoint addresses (the servlet transport registers it). */
    @Reference
    private DestinationRegistry destinations;

    private DeclaredEndpoints declared;
    private SuiteLifecycle lifecycle;
    private SuiteHealth health;
    private ClassLoader busLoader;

    @Activate
    void activate(BundleContext context) {
        declared = new DeclaredEndpoints(context);
        declared.open();
        lifecycle = new SuiteLifecycle(context);
        health = new SuiteHealth(context, () -> destinations, new DatabaseProbe());
        giveBusAClassLoader();
    }

    @Deactivate
    void deactivate() {
        declared.close();
        takeBackClassLoader();
    }

    @Override
    public Servlet newServlet() {
        return new SuiteServlet(destinations, declared, lifecycle, health);
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
