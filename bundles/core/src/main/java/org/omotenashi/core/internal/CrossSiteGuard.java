package org.omotenashi.core.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.rest.RestPublisher;

/**
 * No page on another site can change anything here, even while a browser holds Basic credentials for the
 * suite. A browser sends a cross-site request without asking first only as GET/HEAD/POST with a form or
 * plain-text body, and always says where the page came from in {@code Origin}. So every change
 * (any method but GET, HEAD, OPTIONS) with an {@code Origin} that is neither the suite's own address nor
 * one configured is refused with 403, and every POST, PUT or PATCH to the API must say
 * {@code Content-Type: application/json} (an empty body too), which no page can send to another site
 * without the site's consent, or is refused with 415. DELETE carries no body and a browser never sends it
 * cross-site without that consent either.
 * The survey page is left alone: a guest's browser holds no credentials for it (the one-time token in the
 * address is the credential), and its own form posts with {@code Origin: null}, since the page sends no referrer.
 */
final class CrossSiteGuard implements Filter {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final Supplier<Set<String>> allowedOrigins;

    CrossSiteGuard(Supplier<Set<String>> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (!SAFE.contains(method) && (isApi(request) || EarlyAnswers.isSoap(request))) {
            String origin = request.getHeader("Origin");
            if (origin != null && !sameSite(origin, request)) {
                EarlyAnswers.refuse(request, (HttpServletResponse) res, new ProblemException(403, "Forbidden",
                        "Requests from the page of another site (Origin " + origin + ") may not change anything here."));
                return;
            }
            if (WITH_BODY.contains(method) && isApi(request) && !isJson(request.getContentType())) {
                EarlyAnswers.refuse(request, (HttpServletResponse) res, new ProblemException(415,
                        "Unsupported media type", "Every change must be sent with Content-Type: application/json,"
                        + " also when the body is empty."));
                return;
            }
        }
        chain.doFilter(req, res);
    }

    private boolean sameSite(String origin, HttpServletRequest request) {
        String normalized = normalize(origin);
        if (normalized == null) {
            return false;
        }
        String host = request.getHeader("Host");
        if (host != null && normalized.equals(normalize(request.getScheme() + "://" + host))) {
            return true;
        }
        return allowedOrigins.get().contains(normalized);
    }

    /** scheme://host[:port] in lower case without a default port; null for anything else (such as "null"). */
    static String normalize(String origin) {
        try {
            URI uri = new URI(origin.strip());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.startsWith(RestPublisher.API_BASE + "/") || path.equals(RestPublisher.API_BASE);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }
}
