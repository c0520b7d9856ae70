package org.omotenashi.connector.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class InstanceSettingsTest {
    @Test
    public void aMinimalFileConfiguresAnInstanceNamedAfterTheFile() {
        InstanceSettings s = read(Map.of("type", "TOPdesk", "baseUrl", "https://example.topdesk.net", "username", "api",
                ".password", "app-pw", "option.customer", "caller"), "etc/org.omotenashi.connector-topdesk.cfg", null);
        assertEquals(List.of(), s.problems());
        assertEquals("topdesk", s.name());
        assertEquals("topdesk", s.type());
        assertEquals(Duration.ofSeconds(60), s.pollInterval());
        assertEquals(Map.of("customer", "caller"), s.options());
        assertEquals("facility-desk", s.owners().fallback());
        assertEquals("app-pw", s.connection().password());
    }

    @Test
    public void everythingWrongIsNamedAndTheInstanceStillHasAName() {
        InstanceSettings s = read(Map.of("baseUrl", "ftp://user:pw@host", ".webhookSecret", "not-a-secret",
                "retryBase", "soon", "ownerMapping", "no equals sign"), null, "org.omotenashi.connector.4f2a");
        String problems = String.join("; ", s.problems());
        assertTrue(problems, problems.contains("name must be"));
        assertTrue(problems, problems.contains("type is required"));
        assertTrue(problems, problems.contains("baseUrl must be an http or https address"));
        assertTrue(problems, problems.contains("must not carry credentials"));
        assertTrue(problems, problems.contains(".webhookSecret must be whsec_"));
        assertTrue(problems, problems.contains("retryBase"));
        assertTrue(problems, problems.contains("group=owner"));
        assertEquals("unnamed", s.name());
    }

    @Test
    public void aNamedFactoryConfigurationGivesItsNameAndSecretsNeverShow() {
        InstanceSettings s = read(Map.of("type", "maximo", "baseUrl", "https://maximo.example.org", ".apiKey", "k3y-s3cr3t",
                ".webhookSecret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), null, "org.omotenashi.connector~maximo-north");
        assertEquals("maximo-north", s.name());
        assertFalse(s.toString().contains("k3y-s3cr3t"));
        assertFalse(s.connection().toString().contains("k3y-s3cr3t"));
        assertTrue(s.connection().toString().contains("apiKey=(set)"));
    }

    static InstanceSettings read(Map<String, Object> given, String file, String pid) {
        Map<String, Object> properties = new HashMap<>(given);
        return InstanceSettings.read(config(properties), properties, InstanceSettings.nameFromConfiguration(file, pid));
    }

    /** The typed configuration DS would build from these properties: a value where given, else the default. */
    private static ConnectorConfig config(Map<String, Object> properties) {
        return (ConnectorConfig) Proxy.newProxyInstance(ConnectorConfig.class.getClassLoader(),
                new Class<?>[] {ConnectorConfig.class}, (proxy, method, args) -> {
                    String key = method.getName().startsWith("_") ? "." + method.getName().substring(1)
                            : method.getName().replace("_", ".");
                    Object value = properties.get(key);
                    if (value == null) {
                        return method.getDefaultValue();
                    }
                    if (method.getReturnType() == String[].class) {
                        return new String[] {value.toString()};
                    }
                    if (method.getReturnType() == int.class) {
                        return Integer.parseInt(value.toString());
                    }
                    if (method.getReturnType() == boolean.class) {
                        return Boolean.parseBoolean(value.toString());
                    }
                    return value.toString();
                });
    }
}
