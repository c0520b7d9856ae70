package org.omotenashi.core.soap;

import org.omotenashi.core.endpoint.Publication;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Publishes a JAX-WS implementation with WS-Security UsernameToken checked against the JAAS realm,
 * {@code @Allow} roles per operation, and problems rendered as SOAP faults.
 */
@ProviderType
public interface SoapPublisher {
    /** Base of every SOAP address. */
    String SOAP_BASE = "/soap";

    /** @param address the path below the servlet root, e.g. {@code /soap/promises} */
    Publication publish(String address, Object implementor);
}
