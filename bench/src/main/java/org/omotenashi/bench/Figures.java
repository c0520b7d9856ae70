package org.omotenashi.bench;

import java.util.Arrays;

/** What one measured run did: how many requests, how fast, and how long the slow ones took. */
record Figures(String name, int requests, int errors, double seconds, double p50Millis, double p99Millis) {

    static Figures of(String name, long[] latenciesNanos, int errors, double seconds) {
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        return new Figures(name, sorted.length, errors, seconds, percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    double throughput() {
        return requests / seconds;
    }

    @Override
    public String toString() {
        return String.format("%-28s %8d requests %6d errors %10.1f req/s   p50 %7.2f ms   p99 %7.2f ms",
                name, requests, errors, throughput(), p50Millis, p99Millis);
    }
}
