package org.omotenashi.liquibase;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.junit.Test;

/** The bundle's manifest is Liquibase's own but for its requirements, also after Liquibase is upgraded. */
public class ManifestTest {
    private static final String REQUIREMENTS = "Require-Capability";

    @Test
    public void everyHeaderButTheRequirementsIsLiquibasesOwn() throws IOException {
        Map<String, String> upstream = headers(upstream());
        Map<String, String> ours = headers(ours());
        upstream.remove(REQUIREMENTS);
        ours.remove(REQUIREMENTS);
        assertEquals("src/main/bundle/MANIFEST.MF no longer matches Liquibase's; make it again from the new jar",
                upstream, ours);
    }

    @Test
    public void onlyTheJavaVersionIsRequired() throws IOException {
        assertEquals("osgi.ee;filter:=\"(&(osgi.ee=JavaSE)(version=1.8))\"",
                ours().getMainAttributes().getValue(REQUIREMENTS));
    }

    /** From the liquibase-core jar itself: its classes are also unpacked into this module's output. */
    private static Manifest upstream() throws IOException {
        for (URL url : Collections.list(ManifestTest.class.getClassLoader().getResources(JarFile.MANIFEST_NAME))) {
            if (url.getPath().contains("/liquibase-core-")) {
                try (InputStream in = url.openStream()) {
                    return new Manifest(in);
                }
            }
        }
        throw new AssertionError("no liquibase-core jar on the test class path");
    }

    private static Manifest ours() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("src/main/bundle/MANIFEST.MF"))) {
            return new Manifest(in);
        }
    }

    private static Map<String, String> headers(Manifest manifest) {
        Map<String, String> headers = new TreeMap<>();
        for (Map.Entry<Object, Object> e : manifest.getMainAttributes().entrySet()) {
            headers.put(((Attributes.Name) e.getKey()).toString(), (String) e.getValue());
        }
        return headers;
    }
}
