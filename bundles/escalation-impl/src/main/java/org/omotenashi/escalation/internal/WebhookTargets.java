package org.omotenashi.escalation.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Keeps webhooks away from the machine itself and its link-local neighbours (cloud metadata services
 * live there): only http and https, and no loopback, link-local or wildcard address unless the
 * configuration allows local targets. Checked when a rule is saved and again, against the addresses the
 * name resolves to then, before every delivery.
 */
final class WebhookTargets {
    private WebhookTargets() {
    }

    /** Null when the URL may be called, else why not. Names that do not resolve yet pass until delivery. */
    static String problem(String url, boolean allowLocal) {
        return problem(url, allowLocal, false);
    }

    /** As {@link #problem(String, boolean)}, but a name that does not resolve is itself a problem. */
    static String problemBeforeSending(String url, boolean allowLocal) {
        return problem(url, allowLocal, true);
    }

    private static String problem(String url, boolean allowLocal, boolean mustResolve) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must be an http or https URL";
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return "must name a host";
        }
        if (uri.getUserInfo() != null) {
            return "must not carry credentials";
        }
        if (allowLocal) {
            return null;
        }
        if (host.equalsIgnoreCase("localhost") || host.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
            return "must not point at this machine (loopback) unless local targets are allowed";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return mustResolve ? "host " + host + " does not resolve" : null;
        }
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress()) {
                return "must not point at this machine (loopback) unless local targets are allowed";
            }
            if (address.isLinkLocalAddress()) {
                return "must not point at a link-local address unless local targets are allowed";
            }
            if (address.isAnyLocalAddress()) {
                return "must not point at a wildcard address";
            }
        }
        return null;
    }
}
