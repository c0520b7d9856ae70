package org.omotenashi.connector.maximo.internal;

import org.omotenashi.connector.spi.ConnectionSettings;
import org.omotenashi.connector.spi.FacilityConnector;
import org.omotenashi.connector.spi.FacilityConnectorFactory;
import org.osgi.service.component.annotations.Component;

/** The IBM Maximo adapter: connector instances with {@code type = maximo} use it while this bundle is active. */
@Component(property = FacilityConnectorFactory.TYPE_PROPERTY + "=" + MaximoConnectorFactory.TYPE)
public class MaximoConnectorFactory implements FacilityConnectorFactory {
    static final String TYPE = "maximo";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public FacilityConnector open(ConnectionSettings settings) {
        if (settings.apiKey() == null) {
            throw new IllegalArgumentException("Maximo needs .apiKey (an API key of the integration user)");
        }
        return new MaximoConnector(settings);
    }
}
