package org.omotenashi.connector.internal;

import java.io.IOException;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Whether a connector instance's configuration still exists. Configuration Admin tells a deleted configuration
 * apart from a stopped bundle; the deactivation reason Karaf's SCR passes does not (it is 0 for both).
 */
final class InstanceConfiguration {
    private InstanceConfiguration() {
    }

    /**
     * True only when Configuration Admin answers that no configuration has this pid; when it cannot answer (or there
     * is no pid), the instance counts as still configured.
     */
    static boolean deleted(ConfigurationAdmin configurations, Object pid) {
        if (!(pid instanceof String text) || text.isBlank()) {
            return false;
        }
        try {
            return configurations.listConfigurations("(service.pid=" + escaped(text) + ")") == null;
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            return false;
        }
    }

    /** The pid as a value in an LDAP filter (RFC 4515): backslash, star and parentheses escaped. */
    static String escaped(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char ch : value.toCharArray()) {
            if (ch == '\\' || ch == '*' || ch == '(' || ch == ')') {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }
}
