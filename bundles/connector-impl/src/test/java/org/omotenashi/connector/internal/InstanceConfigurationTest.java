package org.omotenashi.connector.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** An instance counts as removed only when Configuration Admin says its configuration is gone. */
public class InstanceConfigurationTest {
    private final List<String> filters = new ArrayList<>();

    /** A Configuration Admin whose listConfigurations answers {@code found}, or throws {@code failure}. */
    private ConfigurationAdmin answering(Configuration[] found, Exception failure) {
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("listConfigurations")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    filters.add((String) args[0]);
                    if (failure != null) {
                        throw failure;
                    }
                    return found;
                });
    }

    @Test
    public void anInstanceWhoseConfigurationIsGoneIsRemoved() {
        assertTrue(InstanceConfiguration.deleted(answering(null, null), "org.omotenashi.connector~maximo"));
        assertEquals(List.of("(service.pid=org.omotenashi.connector~maximo)"), filters);
    }

    @Test
    public void anInstanceStillConfiguredOrUnknownIsNot() {
        Configuration one = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> null);
        assertFalse(InstanceConfiguration.deleted(answering(new Configuration[] {one}, null), "org.omotenashi.connector~topdesk"));
        assertFalse("Configuration Admin cannot answer",
                InstanceConfiguration.deleted(answering(null, new IOException("disk")), "org.omotenashi.connector~topdesk"));
        assertFalse("no pid", InstanceConfiguration.deleted(answering(null, null), null));
        assertFalse("no pid", InstanceConfiguration.deleted(answering(null, null), " "));
    }

    @Test
    public void aPidIsEscapedInTheFilter() {
        assertEquals("a\\(b\\)\\*c\\\\", InstanceConfiguration.escaped("a(b)*c\\"));
        InstanceConfiguration.deleted(answering(null, null), "org.omotenashi.connector~odd(name)");
        assertEquals(List.of("(service.pid=org.omotenashi.connector~odd\\(name\\))"), filters);
    }
}
