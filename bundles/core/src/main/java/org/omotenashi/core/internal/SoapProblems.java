package org.omotenashi.core.internal;

import javax.servlet.http.HttpServletRequest;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.omotenashi.core.db.StorageException;
import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Renders problems as SOAP faults: a Client (Sender) fault for the caller's mistakes, with the HTTP
 * status and each invalid field in the fault detail, and the HTTP status of the problem itself.
 */
final class SoapProblems {
    static final String NS = "urn:omotenashi:problem";

    private SoapProblems() {
    }

    static Fault fault(ProblemException problem, Message message) {
        SoapFault fault = new SoapFault(problem.title() + ": " + problem.detail(), problem,
                problem.status() < 500 ? Fault.FAULT_CODE_CLIENT : Fault.FAULT_CODE_SERVER);
        fault.setStatusCode(problem.status());
        fillDetail(fault, problem);
        return fault;
    }

    private static void fillDetail(Fault fault, ProblemException problem) {
        Element detail = fault.getOrCreateDetail();
        Document doc = detail.getOwnerDocument();
        Element root = doc.createElementNS(NS, "p:problem");
        root.setAttribute("status", Integer.toString(problem.status()));
        root.setAttribute("title", problem.title());
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
            ProblemException problem = ProblemMapper.causeOfType(current.getCause(), ProblemException.class);
            StorageException storage = ProblemMapper.causeOfType(current.getCause(), StorageException.class);
            if (problem == null && storage != null) {
                problem = StorageProblems.of(storage, (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST));
            }
            Fault answer = current;
            if (problem != null && !(current instanceof SoapFault && current.getDetail() != null)) {
                answer = fault(problem, message);
                message.setContent(Exception.class, answer);
            }
            // The SOAP binding's own fault interceptor takes the HTTP status from the fault itself.
            answer.setStatusCode(statusOf(current, problem));
        }

        /** The caller's mistakes (a problem, or XML the parser refused, such as a DTD) are never a 500. */
        private static int statusOf(Fault fault, ProblemException problem) {
            if (problem != null) {
                return problem.status();
            }
            String code = fault.getFaultCode() == null ? "" : fault.getFaultCode().getLocalPart();
            boolean sender = "client".equalsIgnoreCase(code) || "Sender".equals(code);
            return sender ? 400 : 500;
        }
    }
}
