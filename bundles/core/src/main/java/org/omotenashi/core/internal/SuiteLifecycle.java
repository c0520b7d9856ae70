package org.omotenashi.core.internal;

import org.apache.karaf.features.BootFinished;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Where Karaf is in its own life: still installing the boot features, or shutting down. */
final class SuiteLifecycle {
    private final BundleContext context;

    SuiteLifecycle(BundleContext context) {
        this.context = context;
    }

    /** Karaf registers BootFinished once every boot feature is installed. */
    boolean starting() {
        try {
            return context.getServiceReference(BootFinished.class) == null;
        } catch (IllegalStateException coreIsStopping) {
            return false;
        }
    }

    boolean stopping() {
        try {
            Bundle framework = context.getBundle(0);
            return framework == null || framework.getState() == Bundle.STOPPING;
        } catch (IllegalStateException coreIsStopping) {
            return true;
        }
    }
}
