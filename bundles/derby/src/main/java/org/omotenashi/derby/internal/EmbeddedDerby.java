package org.omotenashi.derby.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import org.apache.derby.jdbc.EmbeddedDriver;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.jdbc.DataSourceFactory;

/**
 * Offers Derby's data sources (as the {@code derby} JDBC driver) exactly while the Derby bundle is active.
 *
 * <p>Derby's own activator shuts the engine down when its bundle stops, but a data source that is still
 * in use (a connection pool refilling itself, a module's worker) boots it again at once from the stopped
 * bundle's class loader. That engine holds the database until the JVM ends, and the next Derby bundle is
 * refused it ("Another instance of Derby may have already booted the database"). So before Derby
 * stops, and before this bundle stops, the factory is withdrawn (the pool built on it closes), every data
 * source it made refuses new connections, and each database is shut down, which releases it.
 */
@Component(immediate = true)
public class EmbeddedDerby {
    private final Bundle engine = FrameworkUtil.getBundle(EmbeddedDriver.class);
    private final SynchronousBundleListener engineWatch = this::engineChanged;

    private BundleContext context;
    private ServiceRegistration<DataSourceFactory> registration;
    private DerbyDataSources offered;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        context.addBundleListener(engineWatch);
        if (engine == null || engine.getState() == Bundle.ACTIVE) {
            offer();
        }
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(engineWatch);
        withdraw();
    }

    private void engineChanged(BundleEvent event) {
        if (event.getBundle() != engine) {
            return;
        }
        if (event.getType() == BundleEvent.STARTED) {
            offer();
        } else if (event.getType() == BundleEvent.STOPPING) {
            withdraw();
        }
    }

    private synchronized void offer() {
        if (registration != null) {
            return;
        }
        offered = new DerbyDataSources();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(DataSourceFactory.OSGI_JDBC_DRIVER_NAME, "derby");
        properties.put(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS, EmbeddedDriver.class.getName());
        registration = context.registerService(DataSourceFactory.class, offered, properties);
    }

    private synchronized void withdraw() {
        if (registration == null) {
            return;
        }
        // Whoever built a pool on the factory closes it when the factory goes.
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework took it down with this bundle
        }
        registration = null;
        offered.close();
        offered = null;
    }
}
