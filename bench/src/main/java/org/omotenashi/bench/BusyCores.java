package org.omotenashi.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Another program that keeps cores busy while something is measured: threads that only count, at normal priority,
 * until closed. On the bench's 2-core machine one of them leaves the suite a single core to itself.
 */
final class BusyCores implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();
    /** Read on every turn of the loop, which therefore stays a loop. */
    private volatile boolean closed;

    BusyCores(int cores) {
        for (int i = 0; i < cores; i++) {
            Thread thread = new Thread(() -> {
                while (!closed) {
                    // busy: no pause, no sleep
                }
            }, "busy-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
