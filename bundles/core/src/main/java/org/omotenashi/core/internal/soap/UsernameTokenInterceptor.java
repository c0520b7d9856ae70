package org.omotenashi.core.internal.soap;

import java.util.Set;
import javax.xml.namespace.QName;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.headers.Header;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.security.Authenticator;
import org.omotenashi.core.security.Caller;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads the WS-Security UsernameToken of a SOAP request and logs the caller in against the same
 * JAAS realm as REST. Only PasswordText is accepted: a digest cannot be checked against a realm that
 * stores hashed passwords, so it is refused rather than silently ignored. Use TLS in production.
 */
class UsernameTokenInterceptor extends AbstractSoapInterceptor {
    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final QName SECURITY = new QName(WSSE, "Security");
    private static final String PASSWORD_TEXT =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";

    private final Authenticator authenticator;

    UsernameTokenInterceptor(Authenticator authenticator) {
        super(Phase.PRE_PROTOCOL);
        this.authenticator = authenticator;
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
        message.put(Caller.class, caller);
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && WSSE.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
