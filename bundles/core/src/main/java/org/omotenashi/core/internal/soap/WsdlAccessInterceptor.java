package org.omotenashi.core.internal.soap;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.servlet.http.HttpServletResponse;

import org.apache.cxf.frontend.WSDLGetInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.omotenashi.core.internal.access.BasicCredentials;
import org.omotenashi.core.security.Authenticator;

/**
 * The service description is part of the endpoint, so reading it ({@code ?wsdl}, {@code ?xsd}) needs a
 * login too: any user of the realm, over HTTP Basic, which every WSDL tool can send.
 */
class WsdlAccessInterceptor extends AbstractPhaseInterceptor<Message> {
    private final Authenticator authenticator;

    WsdlAccessInterceptor(Authenticator authenticator) {
        super(Phase.READ);
        addBefore(WSDLGetInterceptor.class.getName());
        this.authenticator = authenticator;
    }

    @Override
    public void handleMessage(Message message) throws Fault {
        String query = (String) message.get(Message.QUERY_STRING);
        if (!"GET".equals(message.get(Message.HTTP_REQUEST_METHOD)) || query == null
                || !(query.toLowerCase().contains("wsdl") || query.toLowerCase().contains("xsd"))) {
            return;
        }
        if (BasicCredentials.authenticate(authenticator, authorization(message)).isPresent()) {
            return;
        }
        HttpServletResponse response = (HttpServletResponse) message.get(AbstractHTTPDestination.HTTP_RESPONSE);
        try {
            response.setHeader("WWW-Authenticate", BasicCredentials.CHALLENGE);
            response.sendError(401, "Valid credentials are required to read the service description.");
        } catch (IOException e) {
            throw new Fault(e);
        }
        message.getInterceptorChain().abort();
    }

    @SuppressWarnings("unchecked")
    private static String authorization(Message message) {
        Map<String, List<String>> headers = (Map<String, List<String>>) message.get(Message.PROTOCOL_HEADERS);
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if ("Authorization".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }
}
