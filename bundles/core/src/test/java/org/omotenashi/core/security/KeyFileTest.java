package org.omotenashi.core.security;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class KeyFileTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void theKeyIsCreatedOnFirstUseForItsOwnerOnlyAndTheSameEveryTimeAfter() throws Exception {
        Path file = folder.getRoot().toPath().resolve("etc/omotenashi-test.key");
        byte[] first = KeyFile.read(file);
        assertEquals(KeyFile.KEY_BYTES, first.length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertArrayEquals(first, KeyFile.read(file));
        try (var left = Files.list(file.getParent())) {
            assertEquals("no draft is left beside the key", 1, left.count());
        }
    }

    @Test
    public void aFileThatHoldsNoKeyIsRefusedRatherThanReplaced() throws Exception {
        Path file = folder.newFile("short.key").toPath();
        Files.writeString(file, "c2hvcnQ=\n");
        try {
            KeyFile.read(file);
            fail("a 5-byte key was accepted");
        } catch (IllegalStateException e) {
            assertEquals("c2hvcnQ=\n", Files.readString(file));
        }
    }
}
