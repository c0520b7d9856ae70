package org.omotenashi.core.internal.cxf;

import java.util.function.Supplier;

/**
 * CXF looks classes and providers up through the thread's context class loader, which on a module's
 * activation thread sees only that module. The core's loader sees CXF, Jackson and the JAX-RS and
 * JAX-WS APIs, so building and destroying endpoints runs with it.
 */
public final class OwnClassLoader {
    private OwnClassLoader() {
    }

    public static <T> T run(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(OwnClassLoader.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
