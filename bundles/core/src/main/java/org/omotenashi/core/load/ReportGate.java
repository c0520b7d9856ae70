package org.omotenashi.core.load;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Lets a bounded number of expensive requests of each kind run at once. REST and SOAP endpoints enter before the
 * work starts and close the permit when it ends, its answer written included:
 * <pre>try (ReportGate.Permit permit = gate.enter(ReportKind.SCORES)) { ... }</pre>
 */
@ProviderType
public interface ReportGate {
    /**
     * A permit for one request of the kind, at once; a {@code ProblemException} with status 503 (REST: with
     * {@code Retry-After}; SOAP: a fault whose detail names 503) when as many are running as the kind allows.
     */
    Permit enter(ReportKind kind);

    /** One running request; closing it more than once releases it once. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
