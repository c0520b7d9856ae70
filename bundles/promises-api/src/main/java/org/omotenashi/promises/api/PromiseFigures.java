package org.omotenashi.promises.api;

/**
 * Counts of promises that came due in a period, per status, and the kept-on-time rate (say/do
 * ratio): kept on time over all that came due and were not cancelled. Renegotiated promises are
 * counted apart and judged by their agreed date. The rate is null when nothing came due.
 */
public record PromiseFigures(
        String key,
        long open,
        long kept,
        long keptLate,
        long broken,
        long cancelled,
        long renegotiated,
        Double keptOnTimeRate) {

    public static PromiseFigures of(String key, long open, long kept, long keptLate, long broken, long cancelled,
                                    long renegotiated) {
        long judged = kept + keptLate + broken;
        Double rate = judged == 0 ? null : (double) kept / judged;
        return new PromiseFigures(key, open, kept, keptLate, broken, cancelled, renegotiated, rate);
    }
}
