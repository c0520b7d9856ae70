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
 *
 * <p>The factory is registered from a thread of its own: whoever builds a pool on it opens (on a first start,
 * creates) the database in the thread that registers it, about a second that then passes while the web server
 * and CXF start, not before them. The features file starts this bundle before CXF and the core.
 */
@Component(immediate = true)
public class EmbeddedDerby {
    private final Bundle engine = FrameworkUtil.getBundle(EmbeddedDriver.class);
    private final SynchronousBundleListener engineWatch = this::engineChanged;

    private BundleContext context;
    private ServiceRegistration<DataSourceFactory> registration;
    private DerbyDataSources offered;
    /** False once this component or the engine is going: an offer still on its way must then not register. */
    private boolean wanted;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        context.addBundleListener(engineWatch);
        if (engine == null || engine.getState() == Bundle.ACTIVE) {
            offerSoon();
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
            offerSoon();
        } else if (event.getType() == BundleEvent.STOPPING) {
            withdraw();
        }
    }

    private synchronized void offerSoon() {
        wanted = true;
        Thread offering = new Thread(this::offer, "omotenashi-derby-offer");
        offering.setDaemon(true);
        offering.start();
    }

    private synchronized void offer() {
        if (registration != null || !wanted) {
            return;
        }
        offered = new DerbyDataSources(new JvmRestart());
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(DataSourceFactory.OSGI_JDBC_DRIVER_NAME, "derby");
        properties.put(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS, EmbeddedDriver.class.getName());
        try {
            registration = context.registerService(DataSourceFactory.class, offered, properties);
        } catch (IllegalStateException bundleGone) {
            // this bundle stopped before the offer got here: nothing to offer to
            offered = null;
        }
    }

    private synchronized void withdraw() {
        wanted = false;
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
