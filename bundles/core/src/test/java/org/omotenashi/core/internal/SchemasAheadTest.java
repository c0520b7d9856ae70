package org.omotenashi.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** How a module declares its schemas in its manifest ({@code Omotenashi-Schema}). */
public class SchemasAheadTest {
    @Test
    public void aSchemaNamesItsChangelogAndTheConfigurationThatNamesItsDataSource() {
        SchemasAhead.Schema schema = SchemasAhead.Schema.parse(null, " db/promises/changelog.xml ; pid=org.omotenashi.promises ");
        assertEquals("db/promises/changelog.xml", schema.changelog());
        assertEquals("org.omotenashi.promises", schema.pid());
        assertFalse(schema.onFirstUse());
    }

    @Test
    public void aSchemaMigratedOnFirstUseSaysSo() {
        SchemasAhead.Schema schema = SchemasAhead.Schema.parse(null, "db/core/soap-nonces.xml;pid=org.omotenashi.soap;first-use");
        assertEquals("org.omotenashi.soap", schema.pid());
        assertTrue(schema.onFirstUse());
    }

    @Test
    public void withoutAConfigurationTheSuitesDataSourceIsMeant() {
        SchemasAhead.Schema schema = SchemasAhead.Schema.parse(null, "db/outbox/changelog.xml");
        assertEquals("db/outbox/changelog.xml", schema.changelog());
        assertNull(schema.pid());
    }

    @Test
    public void anEmptyDeclarationIsNoSchema() {
        assertNull(SchemasAhead.Schema.parse(null, " ;pid=x"));
    }

    @Test
    public void theCoresSchemasComeFirstThenTheModulesInOrderOfInstallThenThoseMigratedOnFirstUse() {
        Bundle survey = bundle(120, Bundle.RESOLVED, "db/survey/changelog.xml;pid=org.omotenashi.survey");
        Bundle escalation = bundle(112, Bundle.ACTIVE, "db/escalation/changelog.xml;pid=org.omotenashi.escalation");
        Bundle core = bundle(130, Bundle.ACTIVE,
                "db/core/changelog.xml;pid=org.omotenashi.events,db/outbox/changelog.xml,db/core/soap-nonces.xml;first-use");
        Bundle uninstalled = bundle(111, Bundle.INSTALLED, "db/promises/changelog.xml;pid=org.omotenashi.promises");
        Bundle other = bundle(5, Bundle.ACTIVE, null);
        List<String> order = SchemasAhead.due(context(core, survey, other, escalation, uninstalled)).stream()
                .map(SchemasAhead.Schema::changelog).toList();
        assertEquals(List.of("db/core/changelog.xml", "db/outbox/changelog.xml", "db/escalation/changelog.xml",
                "db/survey/changelog.xml", "db/core/soap-nonces.xml"), order);
    }

    private static Bundle bundle(long id, int state, String schemas) {
        Dictionary<String, String> headers = new Hashtable<>();
        if (schemas != null) {
            headers.put(ModuleBundles.SCHEMA_HEADER, schemas);
        }
        return (Bundle) Proxy.newProxyInstance(SchemasAheadTest.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBundleId" -> id;
                    case "getState" -> state;
                    case "getHeaders" -> headers;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static BundleContext context(Bundle own, Bundle... installed) {
        Bundle[] all = new Bundle[installed.length + 1];
        all[0] = own;
        System.arraycopy(installed, 0, all, 1, installed.length);
        return (BundleContext) Proxy.newProxyInstance(SchemasAheadTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getBundles" -> all;
                    case "getBundle" -> own;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
