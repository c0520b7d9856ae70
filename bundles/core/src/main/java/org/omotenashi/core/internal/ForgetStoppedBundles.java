package org.omotenashi.core.internal;

import org.omotenashi.core.json.Json;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Lets a stopped module go. The suite's shared JSON mapper remembers every class it has handled; when one
 * of the suite's bundles stops, it starts afresh, so a swapped module's class loader can be collected
 * instead of piling up with every swap.
 */
@Component(immediate = true)
public class ForgetStoppedBundles {
    private static final String SUITE = "org.omotenashi.";

    private final BundleListener listener = event -> {
        if (event.getType() == BundleEvent.STOPPED && event.getBundle().getSymbolicName() != null
                && event.getBundle().getSymbolicName().startsWith(SUITE)) {
            Json.forgetClasses();
        }
    };
    private BundleContext context;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        context.addBundleListener(listener);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(listener);
    }
}
