package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The class archive (bin/class-archive) on the real distribution, unpacked from its tar.gz: the archive its build
 * recorded is checked at the first start and mapped from then on; one that does not fit this installation's jars
 * is removed, and the installation's first stop makes its own, which the next start checks before the server's JVM
 * maps it; a damaged one is refused and never made again, while the suite starts as usual. (That the archive stays
 * in use after a restart, AssemblyRestartIT checks.)
 */
public class ClassArchiveIT {
    private AssemblyProcess karaf;

    @Before
    public void unpack() throws Exception {
        karaf = new AssemblyProcess("class-archive-it");
    }

    @After
    public void stop() {
        karaf.close();
    }

    @Test
    public void anAdministratorsOwnJvmOptionsWin() throws Exception {
        List<String> shipped = karaf.classArchiveFiles();
        // Asked to make an archive without the JDK's own, the JVM would not start at all; nor would it with the
        // full compiler (README's option for a site that reads much) and bin/setenv's single compiler thread.
        karaf.start(AssemblyProcess.READY, null, "-Xshare:off -XX:TieredStopAtLevel=4");
        assertFalse(karaf.usesClassArchive());
        karaf.shutdown();
        assertEquals("left as shipped", shipped, karaf.classArchiveFiles());
    }

    @Test
    public void theFirstStartChecksTheShippedArchiveAndMapsIt() throws Exception {
        assertEquals("the distribution ships its archive", List.of("shipped.jsa"), karaf.classArchiveFiles());
        karaf.start(AssemblyProcess.READY, null);
        assertTrue("the very first start maps it: " + karaf.classArchiveFiles(), karaf.usesClassArchive());
        List<String> checked = karaf.classArchiveFiles();
        assertEquals("checked and taken as this installation's: " + checked, 1, checked.size());
        assertTrue(checked.get(0), checked.get(0).matches("karaf-\\d+\\.jsa"));
        karaf.shutdown();
        assertEquals("the stop makes no other", checked, karaf.classArchiveFiles());
        assertEquals(List.of(), karaf.printedOnConsole());
    }

    @Test
    public void anArchiveThatDoesNotFitMakesWayAndADamagedOneIsRefused() throws Exception {
        // The launcher's jars with other times than the build's, as after an unpacking that did not keep them: the
        // JVM would take them for other jars, so the shipped archive does not fit.
        Path cds = karaf.home().resolve("lib/cds");
        FileTime hourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        try (var jars = Files.list(karaf.home().resolve("lib/boot"))) {
            for (Path jar : jars.filter(f -> f.toString().endsWith(".jar")).toList()) {
                Files.setLastModifiedTime(jar, hourAgo);
            }
        }
        karaf.start(AssemblyProcess.READY, null);
        assertEquals("the archive that does not fit is removed", List.of(), karaf.classArchiveFiles());
        assertFalse(karaf.usesClassArchive());
        karaf.shutdown();
        List<String> made = karaf.classArchiveFiles();
        assertEquals("the first stop made one: " + made, 1, made.size());
        assertTrue(made.get(0), made.get(0).matches("karaf-\\d+\\.jsa\\.new"));

        // Half of it lost, as after a crash of the machine while it was written: a JVM that maps it can crash.
        Path archive = cds.resolve(made.get(0));
        try (FileChannel file = FileChannel.open(archive, StandardOpenOption.WRITE)) {
            file.truncate(file.size() / 2);
        }
        karaf.start(AssemblyProcess.READY, null);
        String key = made.get(0).replace(".jsa.new", "");
        assertEquals("refused and marked", List.of(key + ".failed"), karaf.classArchiveFiles());
        assertFalse(karaf.usesClassArchive());
        karaf.shutdown();
        assertEquals("not made again for this installation", List.of(key + ".failed"), karaf.classArchiveFiles());
        assertEquals("neither making the archive nor refusing it prints anything", List.of(), karaf.printedOnConsole());
    }
}
