package org.omotenashi.connector.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An adapter for one kind of facility system, registered as a service with the property
 * {@value #TYPE_PROPERTY} set to {@link #type()}. The engine opens one connector per configured instance.
 */
@ConsumerType
public interface FacilityConnectorFactory {
    /** The service property that names the kind of system, e.g. {@code topdesk}. */
    String TYPE_PROPERTY = "omotenashi.connector.type";

    /** The kind of system, as connector configurations name it in {@code type}, e.g. {@code topdesk}. */
    String type();

    /**
     * A connector for one installation of the system. It must not call the system yet (the system may be
     * down when the engine starts); settings it cannot use are an {@link IllegalArgumentException}.
     */
    FacilityConnector open(ConnectionSettings settings);
}
