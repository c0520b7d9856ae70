package org.omotenashi.core.internal.soap;

import java.lang.reflect.Method;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.Service;
import org.apache.cxf.service.invoker.MethodDispatcher;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.omotenashi.core.internal.access.RoleCheck;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.security.Caller;

/** Checks the operation's {@code @Allow} roles against the caller the UsernameToken named. */
class SoapRoleInterceptor extends AbstractPhaseInterceptor<Message> {
    private final Class<?> implementation;

    SoapRoleInterceptor(Class<?> implementation) {
        super(Phase.PRE_INVOKE);
        this.implementation = implementation;
    }

    @Override
    public void handleMessage(Message message) throws Fault {
        Caller caller = message.get(Caller.class);
        Method operation = operation(message.getExchange());
        if (caller == null || operation == null) {
            throw SoapProblems.fault(ProblemException.unauthorized(), message);
        }
        Method implemented = implementedMethod(operation);
        String[] allowed = RoleCheck.allowedRoles(implemented, implementation);
        if (!RoleCheck.permits(allowed, caller)) {
            throw SoapProblems.fault(ProblemException.forbidden(), message);
        }
    }

    private static Method operation(Exchange exchange) {
        BindingOperationInfo bop = exchange.getBindingOperationInfo();
        Service service = exchange.getService();
        if (bop == null || service == null) {
            return null;
        }
        MethodDispatcher dispatcher = (MethodDispatcher) service.get(MethodDispatcher.class.getName());
        return dispatcher == null ? null : dispatcher.getMethod(bop);
    }

    private Method implementedMethod(Method operation) {
        try {
            return implementation.getMethod(operation.getName(), operation.getParameterTypes());
        } catch (NoSuchMethodException e) {
            return operation;
        }
    }
}
