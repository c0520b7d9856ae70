package org.omotenashi.core.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;

/**
 * The addresses installed modules declare ({@value ModuleBundles#ENDPOINTS_HEADER}), kept current by a
 * bundle tracker so that a request can ask cheaply whose address it is for. The address of a module that
 * is due (running, starting, stopping, or installed to be started) but not served right now is "starting,
 * stopping or being updated" (503), not "nothing here" (404, as for a module an admin stopped or
 * uninstalled).
 */
final class DeclaredEndpoints {
    /** An address and the module that declares it. */
    record Owner(String address, String module, Bundle bundle) {
        /** Running, or on its way: starting, stopping, or installed to be started (a restart, a feature install). */
        boolean due() {
            return ModuleBundles.due(bundle);
        }
    }

    private static final int INSTALLED = Bundle.INSTALLED | Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE
            | Bundle.STOPPING;

    private final BundleTracker<List<Owner>> tracker;
    private final Map<Long, List<Owner>> perBundle = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Map<String, Owner> byAddress = Map.of();

    DeclaredEndpoints(BundleContext context) {
        tracker = new BundleTracker<>(context, INSTALLED, new BundleTrackerCustomizer<List<Owner>>() {
            @Override
            public List<Owner> addingBundle(Bundle bundle, BundleEvent event) {
                String module = ModuleBundles.name(bundle);
                if (module == null) {
                    return null;
                }
                List<Owner> owners = ModuleBundles.endpoints(bundle).stream().map(a -> new Owner(a, module, bundle)).toList();
                perBundle.put(bundle.getBundleId(), owners);
                refresh();
                return owners;
            }

            @Override
            public void modifiedBundle(Bundle bundle, BundleEvent event, List<Owner> owners) {
                // the state changed; the addresses did not
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, List<Owner> owners) {
                perBundle.remove(bundle.getBundleId());
                refresh();
            }
        });
    }

    void open() {
        tracker.open();
    }

    void close() {
        tracker.close();
    }

    private synchronized void refresh() {
        Map<String, Owner> next = new HashMap<>();
        perBundle.values().forEach(owners -> owners.forEach(o -> next.put(o.address(), o)));
        byAddress = Map.copyOf(next);
    }

    /** The declared address {@code path} falls under (itself or below it) of a module that is due, or null. */
    Owner ownerOf(String path) {
        Owner best = null;
        for (Owner owner : byAddress.values()) {
            if (!owner.due()) {
                continue;
            }
            String address = owner.address();
            boolean under = path.equals(address) || (path.startsWith(address) && path.charAt(address.length()) == '/');
            if (under && (best == null || address.length() > best.address().length())) {
                best = owner;
            }
        }
        return best;
    }
}
