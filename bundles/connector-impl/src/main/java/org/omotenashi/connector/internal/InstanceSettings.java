package org.omotenashi.connector.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.omotenashi.connector.spi.ConnectionSettings;
import org.omotenashi.core.webhook.WebhookSignature;

/**
 * An instance's configuration, read and checked once. What is wrong with it is collected in {@link #problems()}
 * rather than thrown, so a misconfigured instance is still listed (STOPPED, with the reason) instead of vanishing.
 */
record InstanceSettings(String name, String type, URI baseUrl, String username, String password, String apiKey,
                        String webhookSecret, Duration pollInterval, int pageSize, Duration timeout,
                        OwnerMapping owners, boolean writeBack, Duration retryBase, Duration retryCap,
                        Duration giveUpAfter, Map<String, String> options, boolean enabled, List<String> problems) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,50}");

    /**
     * @param fallbackName the name the configuration's file or PID suggests, used when {@code name} is empty
     */
    /** Keys holding adapter settings: {@code option.<name> = value}. */
    static final String OPTION_PREFIX = "option.";

    static InstanceSettings read(ConnectorConfig config, Map<String, ?> properties, String fallbackName) {
        List<String> problems = new ArrayList<>();
        String name = blank(config.name()) ? fallbackName : config.name().strip();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add("name must be 1 to 50 letters, digits, - or _");
            name = name == null || name.isBlank() ? "unnamed" : name.replaceAll("[^A-Za-z0-9_-]", "_");
            name = name.length() > 50 ? name.substring(0, 50) : name;
        }
        String type = blank(config.type()) ? "" : config.type().strip().toLowerCase(Locale.ROOT);
        if (type.isEmpty()) {
            problems.add("type is required (topdesk or maximo)");
        }
        URI baseUrl = null;
        try {
            baseUrl = blank(config.baseUrl()) ? null : new URI(config.baseUrl().strip());
            if (baseUrl == null || baseUrl.getHost() == null
                    || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
                problems.add("baseUrl must be an http or https address");
            }
            if (baseUrl != null && baseUrl.getUserInfo() != null) {
                problems.add("baseUrl must not carry credentials; use username and .password");
            }
        } catch (URISyntaxException e) {
            problems.add("baseUrl is not an address");
        }
        String secret = blank(config._webhookSecret()) ? null : config._webhookSecret().strip();
        String secretProblem = WebhookSignature.problem(secret);
        if (secretProblem != null) {
            problems.add(".webhookSecret " + secretProblem);
        }
        OwnerMapping owners = new OwnerMapping(Map.of(), config.defaultOwner());
        try {
            owners = OwnerMapping.parse(config.ownerMapping(), blank(config.defaultOwner()) ? "facility-desk" : config.defaultOwner().strip());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        Map<String, String> options = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith(OPTION_PREFIX) && key.length() > OPTION_PREFIX.length() && value != null) {
                options.put(key.substring(OPTION_PREFIX.length()), value.toString().strip());
            }
        });
        return new InstanceSettings(name, type, baseUrl, blank(config.username()) ? null : config.username().strip(),
                blank(config._password()) ? null : config._password(), blank(config._apiKey()) ? null : config._apiKey().strip(),
                secret, Duration.ofSeconds(Math.max(1, config.pollIntervalSeconds())),
                Math.max(1, Math.min(1000, config.pageSize())), Duration.ofSeconds(Math.max(1, config.timeoutSeconds())),
                owners, config.writeBack(), duration("retryBase", config.retryBase(), Duration.ofSeconds(5), problems),
                duration("retryCap", config.retryCap(), Duration.ofMinutes(30), problems),
                duration("giveUpAfter", config.giveUpAfter(), Duration.ofDays(3), problems), options, config.enabled(),
                List.copyOf(problems));
    }

    /** What the adapter gets: never logged with its secrets (see {@link ConnectionSettings#toString()}). */
    ConnectionSettings connection() {
        return new ConnectionSettings(name, baseUrl, username, password, apiKey, timeout, options);
    }

    /** The name the configuration itself suggests: {@code etc/org.omotenashi.connector-NAME.cfg} or a {@code ~NAME} PID. */
    static String nameFromConfiguration(Object fileName, Object pid) {
        String prefix = ConnectorInstance.FACTORY_PID + "-";
        if (fileName != null) {
            String file = fileName.toString();
            file = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
            if (file.startsWith(prefix) && file.endsWith(".cfg")) {
                return file.substring(prefix.length(), file.length() - 4);
            }
        }
        if (pid != null && pid.toString().contains("~")) {
            return pid.toString().substring(pid.toString().indexOf('~') + 1);
        }
        return null;
    }

    private static Duration duration(String key, String value, Duration fallback, List<String> problems) {
        try {
            Duration d = Duration.parse(value.strip());
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (DateTimeParseException | NullPointerException e) {
            // reported below
        }
        problems.add(key + " must be a positive ISO-8601 duration such as PT5S");
        return fallback;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "InstanceSettings[" + name + ", " + type + ", " + baseUrl + "]";
    }
}
