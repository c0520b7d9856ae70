package org.omotenashi.core.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Finds the suite's module bundles by their manifest header, so the core needs no list of them. */
final class ModuleBundles {
    static final String MODULE_HEADER = "Omotenashi-Module";
    static final String OPENAPI_HEADER = "Omotenashi-OpenAPI";
    /** The addresses a module publishes, comma-separated: it is up when all of them are served. */
    static final String ENDPOINTS_HEADER = "Omotenashi-Endpoints";
    /** The module's changelogs, comma-separated, each {@code changelog;pid=configuration-pid}: see SchemasAhead. */
    static final String SCHEMA_HEADER = "Omotenashi-Schema";

    private ModuleBundles() {
    }

    static List<Bundle> all(BundleContext context) {
        List<Bundle> modules = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getHeaders("").get(MODULE_HEADER) != null) {
                modules.add(bundle);
            }
        }
        return modules;
    }

    static String name(Bundle bundle) {
        return bundle.getHeaders("").get(MODULE_HEADER);
    }

    static List<String> endpoints(Bundle bundle) {
        return list(bundle, ENDPOINTS_HEADER);
    }

    static List<String> schemas(Bundle bundle) {
        return list(bundle, SCHEMA_HEADER);
    }

    private static List<String> list(Bundle bundle, String name) {
        return entries(bundle.getHeaders("").get(name));
    }

    /** The entries of a comma-separated manifest header, or none when it is missing. */
    static List<String> entries(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(header.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Running, starting or stopping, or installed to be started: on a restart the framework starts bundles
     * level by level after Karaf reports its boot done, and a feature install starts them after installing.
     * A bundle an admin stopped is not persistently started, and is not due.
     */
    static boolean due(Bundle bundle) {
        int state = bundle.getState();
        if ((state & (Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING)) != 0) {
            return true;
        }
        if ((state & (Bundle.INSTALLED | Bundle.RESOLVED)) == 0) {
            return false;
        }
        org.osgi.framework.startlevel.BundleStartLevel level = bundle.adapt(org.osgi.framework.startlevel.BundleStartLevel.class);
        try {
            return level != null && level.isPersistentlyStarted();
        } catch (IllegalArgumentException uninstalledMeanwhile) {
            // The framework says so for a bundle uninstalled between the look at its state and this question (an
            // admin swapping a module while requests come in): it is not due.
            return false;
        }
    }

    static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            default -> "UNINSTALLED";
        };
    }
}
