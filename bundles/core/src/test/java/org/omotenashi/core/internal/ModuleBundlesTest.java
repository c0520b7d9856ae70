package org.omotenashi.core.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.startlevel.BundleStartLevel;

/** Whether a module bundle is due to serve, asked while an admin may be uninstalling it. */
public class ModuleBundlesTest {
    @Test
    public void aResolvedBundleMarkedToStartIsDue() {
        assertTrue(ModuleBundles.due(resolvedBundle(startLevel(true, false))));
    }

    @Test
    public void aBundleUninstalledWhileItIsAskedAboutIsNotDueAndNoRequestFailsOnIt() {
        // Felix answers isPersistentlyStarted with IllegalArgumentException once the bundle is uninstalled.
        assertFalse(ModuleBundles.due(resolvedBundle(startLevel(true, true))));
    }

    private static BundleStartLevel startLevel(boolean persistentlyStarted, boolean uninstalled) {
        return (BundleStartLevel) Proxy.newProxyInstance(ModuleBundlesTest.class.getClassLoader(),
                new Class<?>[] {BundleStartLevel.class}, (proxy, method, args) -> {
                    if (method.getName().equals("isPersistentlyStarted")) {
                        if (uninstalled) {
                            throw new IllegalArgumentException("Bundle is uninstalled.");
                        }
                        return persistentlyStarted;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Bundle resolvedBundle(BundleStartLevel level) {
        return (Bundle) Proxy.newProxyInstance(ModuleBundlesTest.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getState" -> Bundle.RESOLVED;
                    case "adapt" -> args[0] == BundleStartLevel.class ? level : null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
