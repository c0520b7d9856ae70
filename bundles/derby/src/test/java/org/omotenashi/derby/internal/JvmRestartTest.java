package org.omotenashi.derby.internal;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

public class JvmRestartTest {
    @Test
    public void theJvmEndsAtOnceWithTheCodeBinKarafRestartsOn() {
        List<Integer> codes = new ArrayList<>();
        new JvmRestart(codes::add).run();
        // bin/karaf starts a new JVM on exit code 10 (Karaf's restart code); nothing else, such as a framework stop
        // that would stop Derby's engine with the lost database in it, happens first.
        assertEquals(List.of(10), codes);
    }
}
