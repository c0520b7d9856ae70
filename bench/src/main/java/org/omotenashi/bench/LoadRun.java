package org.omotenashi.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Sends a fixed number of requests from a fixed number of threads and measures each one. */
final class LoadRun {
    /** One request of a run; {@code i} numbers the requests so each can differ. */
    @FunctionalInterface
    interface Request {
        Api.Reply send(int i) throws Exception;
    }

    private LoadRun() {
    }

    static Figures run(String name, int requests, int threads, int expectedStatus, Request request)
            throws InterruptedException {
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    long begin = System.nanoTime();
                    try {
                        if (request.send(i).statusCode() != expectedStatus) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - begin;
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            throw new IllegalStateException(name + " did not finish within 30 minutes");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return Figures.of(name, latencies, errors.get(), seconds);
    }
}
