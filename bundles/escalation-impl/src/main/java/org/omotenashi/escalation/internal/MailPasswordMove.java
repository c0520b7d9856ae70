package org.omotenashi.escalation.internal;

import java.io.IOException;
import java.util.Dictionary;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the SMTP password out of service properties. Declarative Services copies every configuration property
 * whose name does not start with a dot onto the registrations of the components that read it, so a
 * {@code password} in {@code org.omotenashi.escalation.mail} was printed by {@code service:list} to anyone
 * allowed to list services. The password is read from {@code .password}; one written as {@code password} (as
 * earlier versions asked, or by habit) is moved there as soon as it appears, and Karaf writes the move back to
 * the configuration file.
 */
@Component(immediate = true)
public class MailPasswordMove implements ConfigurationListener {
    static final String PID = "org.omotenashi.escalation.mail";
    static final String PLAIN = "password";
    static final String PRIVATE = ".password";
    private static final Logger LOG = LoggerFactory.getLogger(MailPasswordMove.class);

    @Reference
    private ConfigurationAdmin configurations;

    @Activate
    void activate() {
        move();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (PID.equals(event.getPid()) && event.getType() == ConfigurationEvent.CM_UPDATED) {
            move();
        }
    }

    private void move() {
        try {
            Configuration[] found = configurations.listConfigurations("(service.pid=" + PID + ")");
            if (found == null) {
                return;
            }
            for (Configuration configuration : found) {
                Dictionary<String, Object> properties = configuration.getProperties();
                Object plain = properties == null ? null : properties.get(PLAIN);
                if (plain != null) {
                    properties.remove(PLAIN);
                    if (properties.get(PRIVATE) == null) {
                        properties.put(PRIVATE, plain);
                    }
                    configuration.update(properties);
                    LOG.info("The SMTP password of {} moved from 'password' to '.password', so that no service shows it", PID);
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.error("Could not move the SMTP password of {} to '.password'; it may show in service properties", PID, e);
        }
    }
}
