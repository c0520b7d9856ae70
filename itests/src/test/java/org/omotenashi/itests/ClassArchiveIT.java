package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The class archive (bin/class-archive) on the real distribution: a first stop makes one, the next start checks it
 * before the server's JVM maps it, and a damaged one is refused and never made again, while the suite starts as
 * usual. (That a good archive is taken into use at the next start, AssemblyRestartIT checks.)
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
        // Asked to make an archive without the JDK's own, the JVM would not start at all; nor would it with the
        // full compiler (README's option for a site that reads much) and bin/setenv's single compiler thread.
        karaf.start(AssemblyProcess.READY, null, "-Xshare:off -XX:TieredStopAtLevel=4");
        assertFalse(karaf.usesClassArchive());
        karaf.shutdown();
        assertEquals(List.of(), karaf.classArchiveFiles());
    }

    @Test
    public void aDamagedArchiveIsRefusedAndTheSuiteStartsWithoutIt() throws Exception {
        karaf.start(AssemblyProcess.READY, null);
        assertEquals("a new installation has no archive yet", List.of(), karaf.classArchiveFiles());
        assertFalse(karaf.usesClassArchive());
        karaf.shutdown();
        List<String> made = karaf.classArchiveFiles();
        assertEquals("the first stop made one: " + made, 1, made.size());
        assertTrue(made.get(0), made.get(0).matches("karaf-\\d+\\.jsa\\.new"));

        // Half of it lost, as after a crash of the machine while it was written: a JVM that maps it can crash.
        Path archive = karaf.home().resolve("lib/cds").resolve(made.get(0));
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
