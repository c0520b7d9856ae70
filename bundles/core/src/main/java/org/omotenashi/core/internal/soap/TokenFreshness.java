package org.omotenashi.core.internal.soap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;

import org.omotenashi.core.problem.ProblemException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A UsernameToken is good once, and only while it is fresh. When it carries a {@code wsu:Created}, that time
 * (and a {@code wsu:Timestamp}'s, when the header has one) must lie within the window of the machine's clock,
 * either side; when it carries a {@code wsse:Nonce}, the same user may not send that nonce again within the
 * window (the nonces are kept in the database, so machines sharing it refuse each other's replays). A token
 * without either is accepted unless the configuration requires both: it is common over TLS, where nobody else
 * sees it.
 */
final class TokenFreshness {
    static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

    /** How fresh a token must be, and whether one without Nonce and Created is refused. */
    record Rules(Duration window, boolean requireNonceAndCreated) {
    }

    private final Supplier<Rules> rules;
    private final Supplier<UsedNonces> nonces;
    private final Clock clock;

    TokenFreshness(Supplier<Rules> rules, Supplier<UsedNonces> nonces, Clock clock) {
        this.rules = rules;
        this.nonces = nonces;
        this.clock = clock;
    }

    /** Refuses (401) a stale, replayed or incomplete token of {@code user}, whose password was right. */
    void check(Element security, Element token, String user) {
        Rules r = rules.get();
        Element nonce = child(token, UsernameTokenInterceptor.WSSE, "Nonce");
        Element created = child(token, WSU, "Created");
        if (r.requireNonceAndCreated() && (nonce == null || created == null)) {
            throw refused("The UsernameToken must carry a Nonce and a Created time.");
        }
        Instant now = clock.instant();
        Instant createdAt = created == null ? null : fresh(created, "Created time of the UsernameToken", now, r.window());
        Element timestamp = child(security, WSU, "Timestamp");
        if (timestamp != null) {
            Element stamped = child(timestamp, WSU, "Created");
            if (stamped != null) {
                fresh(stamped, "Created time of the Timestamp", now, r.window());
            }
            Element expires = child(timestamp, WSU, "Expires");
            if (expires != null && instant(expires, "Expires time of the Timestamp").isBefore(now.minus(r.window()))) {
                throw refused("The message's Timestamp has expired.");
            }
        }
        if (nonce != null) {
            UsedNonces used = nonces.get();
            if (used == null) {
                throw UsedNonces.unavailable();
            }
            Instant base = createdAt != null && createdAt.isAfter(now) ? createdAt : now;
            if (!used.firstUse(user, nonce.getTextContent().strip(), base.plus(r.window()))) {
                throw refused("This UsernameToken was sent before; a Nonce is good once.");
            }
        }
    }

    private static Instant fresh(Element time, String what, Instant now, Duration window) {
        Instant at = instant(time, what);
        if (at.isBefore(now.minus(window)) || at.isAfter(now.plus(window))) {
            throw refused("The " + what + " is more than " + window.toMinutes() + " minutes from the server's time.");
        }
        return at;
    }

    private static Instant instant(Element time, String what) {
        try {
            return OffsetDateTime.parse(time.getTextContent().strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw refused("The " + what + " must be an xs:dateTime with an offset, e.g. 2026-05-01T15:00:00Z.");
        }
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(401, "Unauthorized", detail);
    }

    static Element child(Element parent, String namespace, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && namespace.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
