package org.omotenashi.connector.topdesk.internal;

import org.omotenashi.connector.spi.ConnectionSettings;
import org.omotenashi.connector.spi.FacilityConnector;
import org.omotenashi.connector.spi.FacilityConnectorFactory;
import org.osgi.service.component.annotations.Component;

/** The TOPdesk adapter: connector instances with {@code type = topdesk} use it while this bundle is active. */
@Component(property = FacilityConnectorFactory.TYPE_PROPERTY + "=" + TopdeskConnectorFactory.TYPE)
public class TopdeskConnectorFactory implements FacilityConnectorFactory {
    static final String TYPE = "topdesk";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public FacilityConnector open(ConnectionSettings settings) {
        if (settings.username() == null || settings.password() == null) {
            throw new IllegalArgumentException("TOPdesk needs username (an operator's login name) and .password "
                    + "(an application password of that operator)");
        }
        return new TopdeskConnector(settings);
    }
}
