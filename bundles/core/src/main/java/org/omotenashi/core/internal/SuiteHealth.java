package org.omotenashi.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.apache.cxf.transport.http.DestinationRegistry;
import org.omotenashi.core.db.Transactions;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * What health says, worked out from what is there at this moment (nothing is remembered, so it cannot go
 * stale): whether Karaf has finished installing the boot features, whether each installed module serves
 * every address it declares ({@value ModuleBundles#ENDPOINTS_HEADER}), and whether the database each one
 * uses answers.
 */
final class SuiteHealth {
    /** The suite as a whole; only UP and DEGRADED are ready for traffic. */
    enum Status {
        /** Karaf is still installing the boot features, or an installed module does not serve all of its addresses yet. */
        STARTING,
        /** Every installed module serves, and every database answers. */
        UP,
        /** Serving, but a module is stopped or stopping. */
        DEGRADED,
        /** A module's database does not answer. */
        DOWN,
        /** Karaf is shutting down. */
        STOPPING;

        boolean ready() {
            return this == UP || this == DEGRADED;
        }
    }

    record Module(String name, String bundle, String version, String state, String status,
                  Map<String, String> endpoints, String database) {
        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", name);
            map.put("bundle", bundle);
            map.put("version", version);
            map.put("state", state);
            map.put("status", status);
            map.put("endpoints", endpoints);
            map.put("database", database);
            return map;
        }
    }

    record Report(Status status, List<Module> modules) {
    }

    /** The core's own address (health, OpenAPI, and the answer for addresses no module serves). */
    static final String CORE_ADDRESS = "/api/v1";

    private final BundleContext context;
    private final SuiteLifecycle lifecycle;
    private final Supplier<DestinationRegistry> registry;
    private final DatabaseProbe probe;

    SuiteHealth(BundleContext context, Supplier<DestinationRegistry> registry, DatabaseProbe probe) {
        this.context = context;
        this.lifecycle = new SuiteLifecycle(context);
        this.registry = registry;
        this.probe = probe;
    }

    Report report() {
        DestinationRegistry destinations = registry.get();
        List<Module> modules = new ArrayList<>();
        for (Bundle bundle : ModuleBundles.all(context)) {
            modules.add(describe(bundle, destinations));
        }
        return new Report(overall(destinations, modules), modules);
    }

    /** The status alone, for readiness: the same rules, without describing modules nobody asked about. */
    Status status() {
        return report().status();
    }

    private Status overall(DestinationRegistry destinations, List<Module> modules) {
        if (lifecycle.stopping()) {
            return Status.STOPPING;
        }
        if (lifecycle.starting() || !served(destinations, CORE_ADDRESS)) {
            return Status.STARTING;
        }
        if (modules.stream().anyMatch(m -> m.status().equals("DOWN"))) {
            return Status.DOWN;
        }
        if (modules.stream().anyMatch(m -> m.status().equals("STARTING"))) {
            return Status.STARTING;
        }
        if (modules.stream().anyMatch(m -> !m.status().equals("UP"))) {
            return Status.DEGRADED;
        }
        return Status.UP;
    }

    private Module describe(Bundle bundle, DestinationRegistry destinations) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        boolean allServed = true;
        for (String address : ModuleBundles.endpoints(bundle)) {
            boolean served = served(destinations, address);
            endpoints.put(address, served ? "UP" : "DOWN");
            allServed &= served;
        }
        String database = database(bundle);
        String state = ModuleBundles.state(bundle);
        String status = switch (state) {
            case "ACTIVE", "STARTING" -> database.equals("DOWN") ? "DOWN" : allServed ? "UP" : "STARTING";
            case "STOPPING" -> "STOPPING";
            // Installed to be started (a restart starts bundles after Karaf reports its boot done): not yet up.
            default -> ModuleBundles.due(bundle) ? "STARTING" : "STOPPED";
        };
        return new Module(ModuleBundles.name(bundle), bundle.getSymbolicName(), bundle.getVersion().toString(),
                state, status, endpoints, database);
    }

    /**
     * UP or DOWN for the data sources the module's bundle uses, NONE when it uses none (yet). DOWN when one
     * does not answer, or answers reads while its writes fail (a full disk).
     */
    private String database(Bundle bundle) {
        ServiceReference<?>[] inUse = bundle.getServicesInUse();
        if (inUse == null) {
            return "NONE";
        }
        String answer = "NONE";
        for (ServiceReference<?> reference : inUse) {
            if (!isDataSource(reference)) {
                continue;
            }
            Object service = context.getService(reference);
            try {
                if (!(service instanceof DataSource dataSource) || !probe.answers(dataSource)
                        || Transactions.writesFailing(dataSource)) {
                    return "DOWN";
                }
                answer = "UP";
            } finally {
                if (service != null) {
                    context.ungetService(reference);
                }
            }
        }
        return answer;
    }

    private static boolean isDataSource(ServiceReference<?> reference) {
        Object classes = reference.getProperty(Constants.OBJECTCLASS);
        if (classes instanceof String[] names) {
            for (String name : names) {
                if (DataSource.class.getName().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An address is served when CXF has it and an endpoint behind it takes requests. */
    static boolean served(DestinationRegistry destinations, String address) {
        if (destinations == null) {
            return false;
        }
        AbstractHTTPDestination destination = destinations.getDestinationForPath(address, true);
        return destination != null && destination.getMessageObserver() != null;
    }
}
