package org.omotenashi.core.internal.soap;

import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.xml.namespace.QName;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.headers.Header;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.omotenashi.core.internal.problem.StorageProblems;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.security.Authenticator;
import org.omotenashi.core.security.Caller;
import org.w3c.dom.Element;

/**
 * Reads the WS-Security UsernameToken of a SOAP request and logs the caller in against the same
 * JAAS realm as REST. Only PasswordText is accepted: a digest cannot be checked against a realm that
 * stores hashed passwords, so it is refused rather than silently ignored. Use TLS in production.
 * A token whose password is right must still be fresh and not replayed ({@link TokenFreshness}).
 * Every refusal is a {@code wsse:FailedAuthentication} fault.
 */
class UsernameTokenInterceptor extends AbstractSoapInterceptor {
    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final QName SECURITY = new QName(WSSE, "Security");
    private static final String PASSWORD_TEXT =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";

    private final Authenticator authenticator;
    private final TokenFreshness freshness;

    UsernameTokenInterceptor(Authenticator authenticator, TokenFreshness freshness) {
        super(Phase.PRE_PROTOCOL);
        this.authenticator = authenticator;
        this.freshness = freshness;
    }

    @Override
    public Set<QName> getUnderstoodHeaders() {
        return Set.of(SECURITY);
    }

    @Override
    public void handleMessage(SoapMessage message) throws Fault {
        Header header = message.getHeader(SECURITY);
        if (header == null || !(header.getObject() instanceof Element security)) {
            throw SoapProblems.fault(ProblemException.unauthorized(), message);
        }
        Element token = child(security, "UsernameToken");
        Element username = token == null ? null : child(token, "Username");
        Element password = token == null ? null : child(token, "Password");
        if (username == null || password == null) {
            throw SoapProblems.fault(ProblemException.unauthorized(), message);
        }
        String type = password.getAttribute("Type");
        if (!type.isEmpty() && !PASSWORD_TEXT.equals(type)) {
            throw SoapProblems.fault(new ProblemException(401, "Unauthorized",
                    "Only UsernameToken with PasswordText is accepted."), message);
        }
        Caller caller = authenticator.authenticate(username.getTextContent().strip(), password.getTextContent())
                .orElseThrow(() -> SoapProblems.fault(ProblemException.unauthorized(), message));
        try {
            freshness.check(security, token, caller.name());
        } catch (ProblemException problem) {
            throw SoapProblems.fault(problem, message);
        }
        if (message.get(AbstractHTTPDestination.HTTP_REQUEST) instanceof HttpServletRequest request) {
            // The nonce just remembered is the check's own bookkeeping, not a change the caller asked for: when the
            // operation then fails to reach the database, its answer is "nothing was changed", not "outcome unknown".
            StorageProblems.requestStarts(request);
        }
        message.put(Caller.class, caller);
    }

    private static Element child(Element parent, String localName) {
        return TokenFreshness.child(parent, WSSE, localName);
    }
}
