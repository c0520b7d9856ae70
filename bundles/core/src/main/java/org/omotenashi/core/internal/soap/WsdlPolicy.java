package org.omotenashi.core.internal.soap;

import java.io.StringReader;
import javax.wsdl.extensions.UnknownExtensibilityElement;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.cxf.endpoint.Server;
import org.apache.cxf.service.model.DescriptionInfo;
import org.apache.cxf.service.model.EndpointInfo;
import org.apache.cxf.service.model.ServiceInfo;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * Says in each WSDL what the endpoint requires, as WS-SecurityPolicy 1.2, so that tools (CXF, SoapUI, .NET)
 * configure a client themselves: a UsernameToken (WSS 1.0, PasswordText) with every request, sent over TLS
 * (the first alternative), or over a connection whose transport security is handled in front of the suite
 * (the second). The server does not enforce the transport: the suite serves plain HTTP unless TLS is set up.
 */
final class WsdlPolicy {
    static final String WSP = "http://www.w3.org/ns/ws-policy";
    static final String SP = "http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702";
    static final String ID = "OmotenashiUsernameToken";

    private static final String USERNAME_TOKEN = "<sp:UsernameToken sp:IncludeToken=\"" + SP
            + "/IncludeToken/AlwaysToRecipient\"><wsp:Policy><sp:WssUsernameToken10/></wsp:Policy></sp:UsernameToken>";
    private static final String POLICY = "<wsp:Policy xmlns:wsp=\"" + WSP + "\" xmlns:sp=\"" + SP + "\" xmlns:wsu=\""
            + TokenFreshness.WSU + "\" wsu:Id=\"" + ID + "\"><wsp:ExactlyOne>"
            + "<wsp:All><sp:TransportBinding><wsp:Policy>"
            + "<sp:TransportToken><wsp:Policy><sp:HttpsToken><wsp:Policy/></sp:HttpsToken></wsp:Policy></sp:TransportToken>"
            + "<sp:AlgorithmSuite><wsp:Policy><sp:Basic256/></wsp:Policy></sp:AlgorithmSuite>"
            + "<sp:Layout><wsp:Policy><sp:Lax/></wsp:Policy></sp:Layout><sp:IncludeTimestamp/>"
            + "</wsp:Policy></sp:TransportBinding>"
            + "<sp:SignedSupportingTokens><wsp:Policy>" + USERNAME_TOKEN + "</wsp:Policy></sp:SignedSupportingTokens></wsp:All>"
            + "<wsp:All><sp:SupportingTokens><wsp:Policy>" + USERNAME_TOKEN + "</wsp:Policy></sp:SupportingTokens></wsp:All>"
            + "</wsp:ExactlyOne></wsp:Policy>";
    private static final String REFERENCE = "<wsp:PolicyReference xmlns:wsp=\"" + WSP + "\" URI=\"#" + ID + "\"/>";

    private WsdlPolicy() {
    }

    /**
     * Adds the policy to the WSDL's definitions and refers to it from the binding. A client resolves a local
     * reference ({@code #id}) among the policies directly under {@code wsdl:definitions} only: a CXF client generated
     * from a WSDL with the policy anywhere else fails every call ("Reference to policy … could not be resolved").
     */
    static void attach(Server server) {
        EndpointInfo endpoint = server.getEndpoint().getEndpointInfo();
        ServiceInfo service = endpoint.getService();
        DescriptionInfo description = service.getDescription();
        if (description == null) {
            description = new DescriptionInfo();
            description.setName(service.getName());
            service.setDescription(description);
        }
        description.addExtensor(extension(POLICY, new QName(WSP, "Policy")));
        endpoint.getBinding().addExtensor(extension(REFERENCE, new QName(WSP, "PolicyReference")));
    }

    private static UnknownExtensibilityElement extension(String xml, QName type) {
        UnknownExtensibilityElement extension = new UnknownExtensibilityElement();
        extension.setElementType(type);
        extension.setElement(parse(xml));
        return extension;
    }

    private static Element parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("the policy is well-formed XML", e);
        }
    }
}
