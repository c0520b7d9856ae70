package org.omotenashi.core.soap;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.security.Caller;

/** The caller of the SOAP operation running on this thread, as its UsernameToken named them. */
public final class SoapCallers {
    private SoapCallers() {
    }

    public static Caller current() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        Caller caller = message == null ? null : message.get(Caller.class);
        if (caller == null) {
            throw ProblemException.unauthorized();
        }
        return caller;
    }
}
