package org.omotenashi.core.internal.problem;

/** Finds the failure that explains an answer, however deeply CXF or a library wrapped it. */
public final class Causes {
    private Causes() {
    }

    /** The first throwable in the cause chain that is a {@code type}, or null. */
    public static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
