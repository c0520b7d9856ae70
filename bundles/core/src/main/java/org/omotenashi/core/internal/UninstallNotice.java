package org.omotenashi.core.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.karaf.features.DeploymentEvent;
import org.apache.karaf.features.DeploymentListener;
import org.apache.karaf.features.Dependency;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says so when {@code feature:uninstall} leaves a feature installed because installed features still need
 * it: uninstalling {@code omotenashi-core} while modules are installed keeps the core, the web server and
 * the database, and Karaf itself says nothing. The notice goes to the log and, like Karaf's own messages,
 * to the console of the admin who asked.
 */
@Component(immediate = true)
public class UninstallNotice implements DeploymentListener {
    private static final Logger LOG = LoggerFactory.getLogger(UninstallNotice.class);

    @Reference
    private FeaturesService features;

    private volatile Set<String> requiredBefore = Set.of();

    @Activate
    void activate() {
        requiredBefore = ids(required());
        features.registerListener(this);
    }

    @Deactivate
    void deactivate() {
        features.unregisterListener(this);
    }

    @Override
    public void deploymentEvent(DeploymentEvent event) {
        if (event == DeploymentEvent.DEPLOYMENT_STARTED) {
            requiredBefore = ids(required());
        } else if (event == DeploymentEvent.DEPLOYMENT_FINISHED) {
            List<Feature> required = required();
            for (String kept : stillNeeded(requiredBefore, required)) {
                String message = kept.substring(0, kept.indexOf('/')) + " stays installed: " + neededBy(kept, required)
                        + " still need it. Uninstall those first.";
                LOG.info(message);
                System.out.println(message);
            }
            requiredBefore = ids(required);
        }
    }

    /** Features no longer asked for that are still installed. */
    private List<String> stillNeeded(Set<String> before, List<Feature> now) {
        Set<String> dropped = new HashSet<>(before);
        dropped.removeAll(ids(now));
        return dropped.stream().filter(this::installed).sorted().toList();
    }

    private boolean installed(String id) {
        Feature feature = lookUp(id.substring(0, id.indexOf('/')), id.substring(id.indexOf('/') + 1));
        return feature != null && features.isInstalled(feature);
    }

    /** A feature by name and version (or range); by name alone when the version does not match one. */
    private Feature lookUp(String name, String version) {
        try {
            Feature feature = version == null ? null : features.getFeature(name, version);
            return feature != null ? feature : features.getFeature(name);
        } catch (Exception e) {
            return null;
        }
    }

    /** The names of the asked-for features whose dependencies, directly or not, include {@code id}. */
    private String neededBy(String id, List<Feature> required) {
        String name = id.substring(0, id.indexOf('/'));
        Map<String, Boolean> needing = new LinkedHashMap<>();
        for (Feature feature : required) {
            if (dependsOn(feature, name)) {
                needing.put(feature.getName(), true);
            }
        }
        return needing.isEmpty() ? "other installed features" : String.join(", ", needing.keySet());
    }

    private boolean dependsOn(Feature feature, String name) {
        Deque<Feature> open = new ArrayDeque<>(List.of(feature));
        Set<String> seen = new HashSet<>();
        while (!open.isEmpty()) {
            for (Dependency dependency : open.pop().getDependencies()) {
                if (dependency.getName().equals(name)) {
                    return true;
                }
                if (seen.add(dependency.getName())) {
                    Feature next = lookUp(dependency.getName(), dependency.getVersion());
                    if (next != null) {
                        open.push(next);
                    }
                }
            }
        }
        return false;
    }

    private List<Feature> required() {
        try {
            return List.of(features.listRequiredFeatures());
        } catch (Exception e) {
            return List.of();
        }
    }

    private static Set<String> ids(List<Feature> features) {
        Set<String> ids = new HashSet<>();
        features.forEach(f -> ids.add(f.getId()));
        return ids;
    }
}
