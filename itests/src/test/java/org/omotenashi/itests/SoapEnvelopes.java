package org.omotenashi.itests;

/** SOAP 1.1 envelopes as the suite's callers send them. */
final class SoapEnvelopes {
    private SoapEnvelopes() {
    }

    /**
     * An envelope with a WS-Security UsernameToken (PasswordText) around {@code body}, which may use {@code prefix}
     * for the service's namespace.
     */
    static String withUsernameToken(String prefix, String namespace, String user, String password, String body) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:" + prefix + "=\"" + namespace + "\"><soap:Header><wsse:Security soap:mustUnderstand=\"1\" "
                + "xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\">"
                + "<wsse:UsernameToken><wsse:Username>" + user + "</wsse:Username><wsse:Password Type=\"http://docs.oasis-"
                + "open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText\">" + password
                + "</wsse:Password></wsse:UsernameToken></wsse:Security></soap:Header><soap:Body>" + body
                + "</soap:Body></soap:Envelope>";
    }
}
