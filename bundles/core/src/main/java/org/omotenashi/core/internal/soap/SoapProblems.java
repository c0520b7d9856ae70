package org.omotenashi.core.internal.soap;

import javax.servlet.http.HttpServletRequest;
import javax.xml.namespace.QName;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.omotenashi.core.internal.problem.Causes;
import org.omotenashi.core.internal.problem.Problems;
import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Renders problems as SOAP faults: a Client (Sender) fault for the caller's mistakes, with the status a
 * REST caller would get and each invalid field in the fault detail, and a failed login as WS-Security's
 * {@code wsse:FailedAuthentication}. Every fault travels with HTTP 500, as WS-I Basic Profile 1.1 (R1126)
 * requires: standard SOAP stacks read a fault only then, and report any other status as a transport error
 * without its detail.
 */
public final class SoapProblems {
    public static final String NS = "urn:omotenashi:problem";
    public static final int HTTP_STATUS = 500;
    static final QName FAILED_AUTHENTICATION = new QName(UsernameTokenInterceptor.WSSE, "FailedAuthentication", "wsse");

    private SoapProblems() {
    }

    static Fault fault(ProblemException problem, Message message) {
        SoapFault fault = new SoapFault(problem.title() + ": " + problem.detail(), problem, faultCode(problem));
        fault.setStatusCode(HTTP_STATUS);
        fillDetail(fault, problem);
        return fault;
    }

    static QName faultCode(ProblemException problem) {
        if (problem.status() == 401) {
            return FAILED_AUTHENTICATION;
        }
        return problem.status() < 500 ? Fault.FAULT_CODE_CLIENT : Fault.FAULT_CODE_SERVER;
    }

    private static void fillDetail(Fault fault, ProblemException problem) {
        Element detail = fault.getOrCreateDetail();
        Document doc = detail.getOwnerDocument();
        Element root = doc.createElementNS(NS, "p:problem");
        root.setAttribute("status", Integer.toString(problem.status()));
        root.setAttribute("title", problem.title());
        if (problem.status() == 503) {
            root.setAttribute("retryAfter", Integer.toString(problem.retryAfterSeconds()));
        }
        if (!ProblemException.UNTYPED.equals(problem.type())) {
            root.setAttribute("type", problem.type());
        }
        for (FieldError error : problem.errors()) {
            Element field = doc.createElementNS(NS, "p:error");
            field.setAttribute("field", error.field());
            field.setTextContent(error.message());
            root.appendChild(field);
        }
        detail.appendChild(root);
    }

    /** Rewrites faults whose cause is a problem, whichever interceptor or operation threw it. */
    static final class FaultRewriter extends AbstractPhaseInterceptor<Message> {
        FaultRewriter() {
            super(Phase.PRE_LOGICAL);
        }

        @Override
        public void handleMessage(Message message) throws Fault {
            Exception content = message.getContent(Exception.class);
            if (!(content instanceof Fault current)) {
                return;
            }
            if (current instanceof SoapFault && current.getDetail() != null) {
                current.setStatusCode(HTTP_STATUS);
                return;
            }
            ProblemException problem = Causes.causeOfType(current.getCause(), ProblemException.class);
            if (problem == null && isSenders(current)) {
                // XML the parser refused (a DTD, a broken envelope): the caller's mistake, said as such.
                problem = new ProblemException(400, "Bad request", "The message could not be read: " + current.getMessage());
            } else if (problem == null) {
                // Anything else is ours: logged with a reference, answered without internals.
                problem = Problems.of(current.getCause() == null ? current : current.getCause(), request(message));
            }
            Fault answer = fault(problem, message);
            message.setContent(Exception.class, answer);
            // The SOAP binding's own fault interceptor takes the HTTP status from the fault itself.
            answer.setStatusCode(HTTP_STATUS);
        }

        /**
         * The HTTP request the fault answers. This is the outgoing fault message, which does not carry it itself: without
         * the request a storage failure could not tell whether the operation stored anything, and would always be
         * answered "outcome unknown", also for a read that never reached the database.
         */
        private static HttpServletRequest request(Message message) {
            Object request = message.get(AbstractHTTPDestination.HTTP_REQUEST);
            if (request == null && message.getExchange() != null && message.getExchange().getInMessage() != null) {
                request = message.getExchange().getInMessage().get(AbstractHTTPDestination.HTTP_REQUEST);
            }
            return request instanceof HttpServletRequest http ? http : null;
        }

        private static boolean isSenders(Fault fault) {
            String code = fault.getFaultCode() == null ? "" : fault.getFaultCode().getLocalPart();
            return "client".equalsIgnoreCase(code) || "Sender".equals(code);
        }
    }
}
