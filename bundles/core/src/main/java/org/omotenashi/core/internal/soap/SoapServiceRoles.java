package org.omotenashi.core.internal.soap;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.omotenashi.core.internal.access.RoleCheck;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.security.Caller;

/**
 * Refuses a caller whom no operation of the service would let in, right after the UsernameToken is
 * checked and before the SOAP body is read: which operation is called is only known once the body is
 * parsed, and a caller without any right here must not get that far. The operation's own roles are
 * checked later by {@link SoapRoleInterceptor}.
 */
final class SoapServiceRoles extends AbstractSoapInterceptor {
    private final Set<String> anyOperation;

    SoapServiceRoles(Class<?> implementation) {
        super(Phase.PRE_PROTOCOL);
        addAfter(UsernameTokenInterceptor.class.getName());
        this.anyOperation = rolesOfAnyOperation(implementation);
    }

    @Override
    public void handleMessage(SoapMessage message) throws Fault {
        Caller caller = message.get(Caller.class);
        if (caller == null) {
            throw SoapProblems.fault(ProblemException.unauthorized(), message);
        }
        if (!RoleCheck.permits(anyOperation.toArray(String[]::new), caller)) {
            throw SoapProblems.fault(ProblemException.forbidden(), message);
        }
    }

    static Set<String> rolesOfAnyOperation(Class<?> implementation) {
        Set<String> roles = new LinkedHashSet<>();
        for (Method method : implementation.getMethods()) {
            if (method.getDeclaringClass() != Object.class && !Modifier.isStatic(method.getModifiers())) {
                roles.addAll(Set.of(RoleCheck.allowedRoles(method, implementation)));
            }
        }
        return roles;
    }
}
